package io.portcullis.policy;

import io.portcullis.token.TokenPrincipal;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Collection;
import java.util.List;

/**
 * Asks for a claim value: {@code equals} one value, is {@code oneOf} several, or (for an array
 * claim) {@code contains} one. Values are compared with their JSON types: the string
 * {@code "42"} is not the number {@code 42}, and a claim of an unexpected type simply fails the
 * check, never the request with an exception.
 */
final class ClaimCheck implements Check {

    /** How the claim is compared. */
    enum Operator { EQUALS, ONE_OF, CONTAINS }

    private final String claim;
    private final Operator operator;
    private final Object[] expected;

    ClaimCheck(String claim, Operator operator, List<Object> expected) {
        this.claim = claim;
        this.operator = operator;
        this.expected = expected.toArray();
    }

    @Override
    public DenyReason reason() {
        return DenyReason.CLAIMS;
    }

    @Override
    public boolean test(TokenPrincipal principal, Evaluation evaluation) {
        Object value = principal.claims().get(claim);
        if (value == null) {
            return false;
        }
        switch (operator) {
            case EQUALS:
                return sameJsonValue(value, expected[0]);
            case ONE_OF:
                for (Object candidate : expected) {
                    if (sameJsonValue(value, candidate)) {
                        return true;
                    }
                }
                return false;
            default:
                if (!(value instanceof Collection)) {
                    return false;
                }
                for (Object element : (Collection<?>) value) {
                    if (sameJsonValue(element, expected[0])) {
                        return true;
                    }
                }
                return false;
        }
    }

    /** Returns if a claim value equals a policy value of the same JSON type. */
    static boolean sameJsonValue(Object claimValue, Object policyValue) {
        if (claimValue instanceof Number && policyValue instanceof Number) {
            return sameNumber((Number) claimValue, (Number) policyValue);
        }
        return policyValue.equals(claimValue);
    }

    private static boolean sameNumber(Number a, Number b) {
        if (isIntegral(a) && isIntegral(b)) {
            return toBigInteger(a).equals(toBigInteger(b));
        }
        try {
            return new BigDecimal(a.toString()).compareTo(new BigDecimal(b.toString())) == 0;
        } catch (NumberFormatException e) {
            return false; // NaN or an infinity equals nothing in a policy
        }
    }

    private static boolean isIntegral(Number n) {
        return n instanceof Long || n instanceof Integer || n instanceof Short
                || n instanceof Byte || n instanceof BigInteger;
    }

    private static BigInteger toBigInteger(Number n) {
        return n instanceof BigInteger ? (BigInteger) n : BigInteger.valueOf(n.longValue());
    }

    @Override
    public String describe() {
        switch (operator) {
            case EQUALS:
                return "claim '" + claim + "' equals " + show(expected[0]);
            case ONE_OF:
                StringBuilder sb = new StringBuilder("claim '" + claim + "' is one of [");
                for (int i = 0; i < expected.length; i++) {
                    sb.append(i == 0 ? "" : ", ").append(show(expected[i]));
                }
                return sb.append(']').toString();
            default:
                return "claim '" + claim + "' is an array containing " + show(expected[0]);
        }
    }

    @Override
    public String describeActual(TokenPrincipal principal) {
        Object value = principal.claims().get(claim);
        if (value == null) {
            return "token has no claim '" + claim + "'";
        }
        return "token has " + claim + " = " + show(value);
    }

    private static String show(Object value) {
        return value instanceof String ? "'" + value + "'" : String.valueOf(value);
    }
}
