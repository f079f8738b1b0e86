package dev.jkboot.plan;

import dev.jkboot.JkbootException;
import java.util.List;

/** No valid physical layout exists: placement rules are violated or memory is short. */
public final class PlanException extends JkbootException {
    private static final long serialVersionUID = 1L;

    /** One broken rule and the numbers that break it. */
    public record Violation(PlanRule rule, String detail) {
        @Override
        public String toString() {
            return rule + " (" + rule.description() + "): " + detail;
        }
    }

    private final transient List<Violation> violations;

    public PlanException(String message, String fix) {
        this(message, fix, List.of());
    }

    PlanException(String message, String fix, List<Violation> violations) {
        super(Stage.PLAN, message, fix);
        this.violations = List.copyOf(violations);
    }

    static PlanException of(List<Violation> violations) {
        StringBuilder sb = new StringBuilder("the boot plan breaks ").append(violations.size())
                .append(violations.size() == 1 ? " rule:" : " rules:");
        violations.forEach(v -> sb.append("\n  - ").append(v));
        return new PlanException(sb.toString(),
                "nothing was loaded; run with --dry-run to see the layout, and load fewer or smaller files "
                        + "if the image is too large", violations);
    }

    public List<Violation> violations() {
        return violations;
    }
}
