/**
 * What SageMaker's job APIs (training, batch transform) share on the local control plane: a
 * {@link dev.sagemakergitops.local.sagemaker.jobs.JobTable} of jobs by region and name, whose
 * scheduled steps apply only to a job still in the state they expect (SageMaker's stop and failure
 * overtake a running step), and whose {@code List*Jobs} answers share the filters, order and pages
 * of {@link dev.sagemakergitops.local.sagemaker.resources.SageMakerResources}. Each job kind keeps its
 * own statuses, messages and sources in its package.
 */
package dev.sagemakergitops.local.sagemaker.jobs;
