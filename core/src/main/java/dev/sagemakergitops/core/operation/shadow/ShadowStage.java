package dev.sagemakergitops.core.operation.shadow;

import dev.sagemakergitops.core.operation.Step;

/**
 * One stage of a shadow test (a value of {@link ShadowTestState.Stage}): one poll's worth of work
 * from the state it is given. {@link ShadowTestOperation} dispatches to it.
 */
interface ShadowStage {
  Step<ShadowTestState, ShadowTestReport> poll(ShadowTestState state);
}
