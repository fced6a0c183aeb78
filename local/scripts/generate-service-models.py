#!/usr/bin/env python3
"""Writes the compact service models that the local control plane validates requests with.

Why: the local control plane answers bad requests the way AWS does (required members, enums,
lengths, ranges, patterns, with Coral's "N validation errors detected" text). Those constraints
live in the botocore service models that ship with the machine's Python; this script extracts only
what validation needs, so the Java side needs neither Python nor the 5 MB SageMaker model at run time.

What it writes: local/src/main/resources/service-models/<service>.json, one file per service, holding
  - "botocoreVersion", "apiVersion", "service": where the data came from (review these in a diff);
  - "operations": operation name -> input shape name, for the operations the control plane serves
    (OPERATIONS below; an operation without input maps to null);
  - "shapes": every shape reachable from those inputs, reduced to type, required, members
    (member name -> shape name), member (lists), key/value (maps), enum, min, max, pattern.
Documentation and everything else is dropped; keys are sorted and the layout is fixed, so running
it twice on the same botocore gives byte-identical files and a botocore upgrade gives a readable diff.

Run from anywhere (re-runnable; it overwrites the files):
    python3 local/scripts/generate-service-models.py
Use another botocore with BOTOCORE_DATA=/path/to/botocore/data.
"""

import gzip
import json
import os
import sys

# (model name used by the control plane, botocore data directory name, API version)
SERVICES = {
    "sagemaker": ("sagemaker", "2017-07-24"),
    "ecr": ("ecr", "2015-09-21"),
    "application-autoscaling": ("application-autoscaling", "2016-02-06"),
    "sagemaker-runtime": ("sagemaker-runtime", "2017-05-13"),
    "cloudwatch": ("cloudwatch", "2010-08-01"),
    "codecommit": ("codecommit", "2015-04-13"),
}

# The operations the local control plane serves; a request for any other operation is not
# validated (the dispatcher answers UnknownOperation), so its shapes need not be bundled.
OPERATIONS = {
    "sagemaker": """
        CreateTrainingJob DescribeTrainingJob ListTrainingJobs StopTrainingJob
        CreateModelPackageGroup DescribeModelPackageGroup ListModelPackageGroups
        CreateModelPackage DescribeModelPackage ListModelPackages UpdateModelPackage DeleteModelPackage DeleteModelPackageGroup
        CreateModel DescribeModel ListModels DeleteModel
        CreateEndpointConfig DescribeEndpointConfig ListEndpointConfigs DeleteEndpointConfig
        CreateEndpoint DescribeEndpoint ListEndpoints UpdateEndpoint DeleteEndpoint
        UpdateEndpointWeightsAndCapacities
        CreateInferenceExperiment DescribeInferenceExperiment ListInferenceExperiments
        StopInferenceExperiment
        CreateTransformJob DescribeTransformJob ListTransformJobs StopTransformJob
        AddTags ListTags DeleteTags
    """,
    "ecr": "CreateRepository DescribeRepositories PutImage DescribeImages BatchGetImage",
    "application-autoscaling": """
        RegisterScalableTarget DeregisterScalableTarget DescribeScalableTargets
        PutScalingPolicy DeleteScalingPolicy DescribeScalingPolicies
    """,
    "sagemaker-runtime": "InvokeEndpoint",
    "cloudwatch": """
        PutMetricAlarm DescribeAlarms SetAlarmState PutMetricData GetMetricData
        GetMetricStatistics DeleteAlarms PutCompositeAlarm
    """,
    "codecommit": """
        CreateRepository CreatePullRequest GetPullRequest ListPullRequests
        UpdatePullRequestTitle UpdatePullRequestDescription
        PostCommentForPullRequest UpdateComment GetCommentsForPullRequest
    """,
}

# The only shape properties validation reads; the rest (documentation, box, sensitive, ...) is dropped.
KEPT = ("type", "required", "member", "key", "value", "enum", "min", "max", "pattern")


def botocore_data():
    override = os.environ.get("BOTOCORE_DATA")
    import botocore  # imported here so BOTOCORE_DATA works without botocore installed

    return (override or os.path.join(os.path.dirname(botocore.__file__), "data")), botocore.__version__


def compact(shape):
    out = {}
    for key in KEPT:
        if key not in shape:
            continue
        value = shape[key]
        # list members, map keys and values are {"shape": name, ...}; only the name matters
        out[key] = value["shape"] if isinstance(value, dict) else value
    if "members" in shape:
        out["members"] = {name: member["shape"] for name, member in shape["members"].items()}
    return out


def reachable(model, roots):
    shapes, pending = {}, list(roots)
    while pending:
        name = pending.pop()
        if name in shapes:
            continue
        shape = compact(model["shapes"][name])
        shapes[name] = shape
        pending.extend(shape.get("members", {}).values())
        pending.extend(shape[k] for k in ("member", "key", "value") if k in shape)
    return shapes


def generate(data_dir, version, service):
    directory, api_version = SERVICES[service]
    with gzip.open(os.path.join(data_dir, directory, api_version, "service-2.json.gz"), "rt") as f:
        model = json.load(f)
    operations = {}
    for name in OPERATIONS[service].split():
        if name not in model["operations"]:
            sys.exit(f"{service}: botocore {version} has no operation {name}")
        operations[name] = model["operations"][name].get("input", {}).get("shape")
    return {
        "apiVersion": api_version,
        "botocoreVersion": version,
        "operations": operations,
        "service": service,
        "shapes": reachable(model, [s for s in operations.values() if s]),
    }


def main():
    data_dir, version = botocore_data()
    target = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir,
                          "src", "main", "resources", "service-models")
    os.makedirs(target, exist_ok=True)
    for service in SERVICES:
        document = generate(data_dir, version, service)
        path = os.path.normpath(os.path.join(target, service + ".json"))
        with open(path, "w", encoding="utf-8", newline="\n") as f:
            # one shape per line: compact, yet a botocore upgrade diffs shape by shape
            f.write("{\n")
            head = [k for k in sorted(document) if k != "shapes"]
            for key in head:
                f.write(f"  {json.dumps(key)}: {json.dumps(document[key], sort_keys=True)},\n")
            f.write('  "shapes": {\n')
            shapes = document["shapes"]
            names = sorted(shapes)
            for i, name in enumerate(names):
                comma = "," if i < len(names) - 1 else ""
                f.write(f"    {json.dumps(name)}: {json.dumps(shapes[name], sort_keys=True)}{comma}\n")
            f.write("  }\n}\n")
        print(f"{path}: {len(document['operations'])} operations, {len(shapes)} shapes (botocore {version})")


if __name__ == "__main__":
    main()
