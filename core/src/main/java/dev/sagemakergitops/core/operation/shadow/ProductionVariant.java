package dev.sagemakergitops.core.operation.shadow;

/**
 * The live endpoint's one production variant, as DescribeEndpoint and its endpoint configuration
 * show it: what the shadow is compared with.
 *
 * @param endpointConfigName the configuration the endpoint runs
 * @param variantName the variant's name
 * @param modelName the model it serves
 * @param instanceType its instance type
 * @param configuredInstanceCount {@code InitialInstanceCount} in the configuration (stable, so it
 *     may enter names)
 * @param currentInstanceCount the instances it runs now (autoscaling may have changed them)
 */
public record ProductionVariant(String endpointConfigName, String variantName, String modelName, String instanceType,
    int configuredInstanceCount, int currentInstanceCount) {}
