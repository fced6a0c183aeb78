/**
 * What SageMaker checks about the container images that {@code CreateModel}, {@code CreateTrainingJob}
 * and {@code CreateTransformJob} name.
 *
 * <p><b>Manifest media types.</b> {@link dev.sagemakergitops.local.sagemaker.images.SupportedImages}
 * looks the image up in the local ECR (through {@link dev.sagemakergitops.local.spi.ContainerImages})
 * and refuses an OCI image manifest ({@code application/vnd.oci.image.manifest.v1+json}) or an OCI
 * image index ({@code application/vnd.oci.image.index.v1+json}) with SageMaker's text, "Unsupported
 * manifest media type &lt;type&gt; for image &lt;image&gt;. Ensure that valid manifest media type is
 * used for specified image." Sources: the error as a Java SDK user received it from {@code CreateModel}
 * (HTTP 400; https://github.com/aws/amazon-sagemaker-feedback/issues/180), and the same error for OCI
 * image indexes pushed by {@code docker buildx} (https://github.com/mlflow/mlflow/issues/13834,
 * https://github.com/moby/buildkit/issues/5480).
 *
 * <p>Undocumented, and taken here in the reading that is harder on the operations:
 * <ul>
 *   <li>the error code: the reports show only HTTP 400 and the text (the SDK's generic
 *       {@code SageMakerException}); the control plane answers {@code ValidationException}, SageMaker's
 *       code for a refused request;
 *   <li>{@code CreateTrainingJob} ({@code AlgorithmSpecification.TrainingImage}) and
 *       {@code CreateTransformJob} (the images of the model it names, checked again at job creation
 *       since a tag may have moved) refuse the same way as {@code CreateModel}: they run the same
 *       containers;
 *   <li>a Docker manifest list ({@code application/vnd.docker.distribution.manifest.list.v2+json})
 *       is refused too: SageMaker does not document that it runs multi-platform images.
 * </ul>
 *
 * <p>An image that is not in the local ECR (another account, another registry, a tag never pushed)
 * passes: the control plane does not model registries it does not serve.
 */
package dev.sagemakergitops.local.sagemaker.images;
