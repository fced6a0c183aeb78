/**
 * Seeding an account for a story: the alarms and approved model package versions a demo or a local
 * control plane starts with ({@link dev.sagemakergitops.core.seed.AccountSeed}), created through the
 * AWS API like a user's own tooling, so that the command line and the Jenkins adapter never call an
 * AWS client themselves.
 */
package dev.sagemakergitops.core.seed;
