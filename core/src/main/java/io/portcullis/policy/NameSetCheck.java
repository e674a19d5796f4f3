package io.portcullis.policy;

import io.portcullis.token.TokenPrincipal;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** Asks for any or all of a list of names among the caller's roles, client roles or scopes. */
final class NameSetCheck implements Check {

    /** Whether one name suffices or every name is needed. */
    enum Mode {
        ANY_OF("any of"), ALL_OF("all of");

        final String words;

        Mode(String words) {
            this.words = words;
        }
    }

    private final DenyReason reason;
    private final Mode mode;
    private final String[] names;
    private final String what;
    private final Function<TokenPrincipal, Set<String>> granted;

    /**
     * Creates a check.
     *
     * @param what names the kind of name in messages, such as "roles" or "scopes"
     * @param granted returns the names the caller has
     */
    NameSetCheck(DenyReason reason, Mode mode, List<String> names, String what,
            Function<TokenPrincipal, Set<String>> granted) {
        this.reason = reason;
        this.mode = mode;
        this.names = names.toArray(new String[0]);
        this.what = what;
        this.granted = granted;
    }

    @Override
    public DenyReason reason() {
        return reason;
    }

    @Override
    public boolean test(TokenPrincipal principal, Evaluation evaluation) {
        Set<String> has = granted.apply(principal);
        if (mode == Mode.ANY_OF) {
            for (String name : names) {
                if (has.contains(name)) {
                    return true;
                }
            }
            return false;
        }
        for (String name : names) {
            if (!has.contains(name)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String describe() {
        return mode.words + " " + what + " " + List.of(names);
    }

    @Override
    public String describeActual(TokenPrincipal principal) {
        return "caller has " + what + " " + new TreeSet<>(granted.apply(principal));
    }

    @Override
    public Set<String> scopes() {
        return reason == DenyReason.SCOPES ? Set.of(names) : Set.of();
    }
}
