/**
 * Tests that keep {@code docs/iam-policy.json} the least privilege the operations need.
 *
 * <p>{@link dev.sagemakergitops.core.security.IamPolicyTest} runs every operation against the local
 * control plane on clients with a {@link dev.sagemakergitops.core.security.RequiredActions}
 * interceptor, which turns each AWS call into the IAM action that authorizes it (and adds
 * {@code iam:PassRole} and {@code sagemaker:AddTags} where a request passes a role or carries tags).
 * The policy, read as {@link dev.sagemakergitops.core.security.IamPolicy}, must allow all of them and
 * nothing else but a short, explained list of actions AWS checks without a call of ours; the table
 * of {@code docs/iam.md} must list per operation exactly what it required. A new AWS call in an
 * operation therefore fails the build until the policy and its documentation name it. The test runs
 * in {@code mvn verify}'s integration phase, not in {@code mvn test}: its runs of every operation are
 * the slowest set-up of the module's tests.
 */
package dev.sagemakergitops.core.security;
