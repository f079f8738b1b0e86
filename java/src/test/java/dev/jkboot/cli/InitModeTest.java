package dev.jkboot.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InitModeTest {
    @Test
    void pid1IsReadFromProcAsTheJdkSeesIt() {
        assertEquals(ProcessHandle.current().pid() == 1, InitMode.active());
    }
}
