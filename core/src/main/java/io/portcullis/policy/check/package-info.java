/**
 * Tests of a policy file written as data: a YAML list of cases (a token's claims, a request,
 * the expected decision) that users run from their own JUnit tests with {@link
 * io.portcullis.policy.check.PolicyCases}. No test framework is needed at run time: a failed
 * case throws {@link java.lang.AssertionError}, which every framework reports.
 */
package io.portcullis.policy.check;
