"""Summarises the JUnit XML reports of run-moto-suite.sh.

usage: summarise-moto-suite.py OUT   (OUT/local, OUT/moto and OUT/null as the targets left them)

A failing test is counted against an operation the local control plane does not implement when its
failure names one of the refusals the control plane gives for those (UnknownOperationException for
the JSON protocols and for services it does not serve, InvalidAction for CloudWatch's Query and CBOR
protocols, 501 NotImplemented for S3). The pass rate "on the operations it implements" leaves those
tests and the skipped ones out. "Earned" passes are the control plane's passes that the null server,
which refuses every request, does not also get. The failures on implemented operations are listed
after the table, one line each, for judging against AWS's documentation.
"""
import os
import re
import sys
import xml.etree.ElementTree as ET

REFUSALS = re.compile(r"UnknownOperationException|InvalidAction|NotImplemented|does not serve|has no route for")
SERVICES = ["sagemaker", "sagemakerruntime", "ecr", "cloudwatch", "applicationautoscaling", "s3"]


def outcomes(path):
    """test id -> (outcome, first line of the failure) of one JUnit XML report."""
    result = {}
    if not os.path.exists(path):
        return result
    for case in ET.parse(path).getroot().iter("testcase"):
        test = case.get("classname", "") + "::" + case.get("name", "")
        problem = case.find("failure")
        if problem is None:
            problem = case.find("error")
        if case.find("skipped") is not None:
            result[test] = ("skipped", "")
        elif problem is None:
            result[test] = ("passed", "")
        else:
            text = (problem.get("message") or "") + "\n" + (problem.text or "")
            kind = "unimplemented" if REFUSALS.search(text) else "failed"
            result[test] = (kind, (problem.get("message") or "").strip().splitlines()[0][:200]
                            if (problem.get("message") or "").strip() else "")
    return result


def main(out):
    rows, failures = [], []
    totals = [0] * 9
    for service in SERVICES:
        local = outcomes(os.path.join(out, "local", service + ".xml"))
        if not local:
            continue
        null = outcomes(os.path.join(out, "null", service + ".xml"))
        moto = outcomes(os.path.join(out, "moto", service + ".xml"))
        kinds = [k for k, _ in local.values()]
        passed = kinds.count("passed")
        skipped = kinds.count("skipped")
        unimplemented = kinds.count("unimplemented")
        failed = kinds.count("failed") + unimplemented
        implemented = len(local) - skipped - unimplemented
        earned = sum(1 for t, (k, _) in local.items() if k == "passed" and null.get(t, ("",))[0] != "passed")
        moto_passed = sum(1 for k, _ in moto.values() if k == "passed")
        moto_run = sum(1 for k, _ in moto.values() if k != "skipped")
        row = [len(local), passed, failed, skipped, unimplemented, implemented, earned, moto_passed, moto_run]
        totals = [a + b for a, b in zip(totals, row)]
        rows.append([service] + row)
        failures += ["%s %s" % (t, m) for t, (k, m) in sorted(local.items()) if k == "failed"]
    print("| service | collected | passed | failed | skipped | failed at an unimplemented operation "
          "| tests on implemented operations | pass rate there | earned passes (not on the null server) "
          "| moto_server passed |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows + [["total"] + totals]:
        rate = "%.0f %%" % (100.0 * r[2] / r[6]) if r[6] else "-"
        moto = "%d of %d" % (r[8], r[9]) if r[9] else "-"
        print("| %s | %d | %d | %d | %d | %d | %d | %s | %d | %s |" % (tuple(r[:7]) + (rate, r[7], moto)))
    print()
    print("Failures on implemented operations (%d):" % len(failures))
    for line in failures:
        print("- " + line)


if __name__ == "__main__":
    main(sys.argv[1])
