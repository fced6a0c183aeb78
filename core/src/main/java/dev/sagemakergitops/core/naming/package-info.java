/**
 * Deterministic resource names.
 *
 * <p>Every resource an operation creates (training job, model, endpoint config, inference
 * experiment, transform job) is named {@code <readable base>-<hash>}, where the hash is a
 * {@link dev.sagemakergitops.core.naming.ContentHash} of the resolved spec that defines it: image
 * digests rather than tags, the model artifact, the instance settings. Two consequences carry the
 * product:
 *
 * <ul>
 *   <li>a re-run after a crash computes the same name and attaches to what the first run created,
 *       instead of creating a twin;
 *   <li>a {@code git revert} restores an earlier spec, which hashes to the earlier names, so the old
 *       model and endpoint config are found and reused: one {@code UpdateEndpoint}, nothing else.
 * </ul>
 *
 * <p>Which fields enter each name is listed in {@code docs/operations.md}.
 */
package dev.sagemakergitops.core.naming;
