/**
 * What the control plane's services offer each other, as small interfaces: a service provides one
 * with {@link dev.sagemakergitops.local.Installation#provide} and another looks it up with
 * {@link dev.sagemakergitops.local.Installation#capability}. Training writes artifacts to the
 * {@link dev.sagemakergitops.local.spi.ObjectStore} (S3); deployments read alarm states through
 * {@link dev.sagemakergitops.local.spi.AlarmReader} (CloudWatch); invocations feed
 * {@link dev.sagemakergitops.local.spi.MetricRecorder}; transform jobs find models in the
 * {@link dev.sagemakergitops.local.spi.ModelCatalog}; models, training and transform jobs ask
 * {@link dev.sagemakergitops.local.spi.ContainerImages} (ECR) for the media type of the images they name; runtime and batch transform predict with
 * {@link dev.sagemakergitops.local.spi.LocalModel}; every Create call with {@code Tags} keeps them
 * in {@link dev.sagemakergitops.local.spi.ResourceTags} (the tags service); hosting asks
 * {@link dev.sagemakergitops.local.spi.ScalableTargetRegistry} (Application Auto Scaling) whether a
 * variant is a scalable target, and Application Auto Scaling asks
 * {@link dev.sagemakergitops.local.spi.ScalableTargetValidator} (hosting) whether a variant may become one. A service never uses
 * another service's classes; a test (LocalArchitectureTest) checks it.
 */
package dev.sagemakergitops.local.spi;
