package dev.jkboot.loaderconf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class AutobootDelayTest {

    @Test
    void unsetIsTenSeconds() {
        assertEquals(Optional.of(AutobootDelay.countdown(10)), AutobootDelay.parse(null));
    }

    @Test
    void noInAnyCaseNeverBootsByItself() {
        AutobootDelay never = new AutobootDelay(AutobootDelay.Kind.NEVER, 0);
        assertEquals(Optional.of(never), AutobootDelay.parse("NO"));
        assertEquals(Optional.of(never), AutobootDelay.parse("no"));
        assertEquals(Optional.of(never), AutobootDelay.parse(" No "));
    }

    @Test
    void minusOneBootsAtOnceWithoutAMenu() {
        assertEquals(Optional.of(new AutobootDelay(AutobootDelay.Kind.IMMEDIATE, 0)), AutobootDelay.parse("-1"));
    }

    @Test
    void numbersCountDownAndBelowMinusOneIsLikeZero() {
        assertEquals(Optional.of(AutobootDelay.countdown(3)), AutobootDelay.parse("3"));
        assertEquals(Optional.of(AutobootDelay.countdown(3)), AutobootDelay.parse(" +3 "));
        assertEquals(Optional.of(AutobootDelay.countdown(0)), AutobootDelay.parse("0"));
        assertEquals(Optional.of(AutobootDelay.countdown(0)), AutobootDelay.parse("-5"));
    }

    @Test
    void anythingElseIsNotUnderstood() {
        assertEquals(Optional.empty(), AutobootDelay.parse("YES"));
        assertEquals(Optional.empty(), AutobootDelay.parse(""));
        assertEquals(Optional.empty(), AutobootDelay.parse("2.5"));
        assertEquals(Optional.empty(), AutobootDelay.parse("99999999999"));
    }

    @Test
    void printsWhatItMeans() {
        assertEquals("10 s", AutobootDelay.DEFAULT.toString());
        assertEquals("-1 (boot at once, no menu)", AutobootDelay.parse("-1").orElseThrow().toString());
    }
}
