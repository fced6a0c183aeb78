"""Summarises the JUnit XML reports of run-moto-suite.sh.

A failing test is counted against an operation the local control plane does not implement when its
failure names one of the refusals the control plane gives for those (UnknownOperationException for
the JSON protocols and for services it does not serve, InvalidAction for CloudWatch's Query and CBOR
protocols, 501 NotImplemented for S3). The pass rate "on the operations it implements" leaves those
tests and the skipped ones out.
"""
import re
import sys
import xml.etree.ElementTree as ET

REFUSALS = re.compile(r"UnknownOperationException|InvalidAction|NotImplemented|does not serve|has no route for")


def main(paths):
    rows = []
    totals = [0] * 6
    for path in paths:
        name = path.rsplit("/", 1)[-1][:-4]
        collected = passed = failed = skipped = unimplemented = 0
        for case in ET.parse(path).getroot().iter("testcase"):
            collected += 1
            problem = case.find("failure")
            if problem is None:
                problem = case.find("error")
            if case.find("skipped") is not None:
                skipped += 1
            elif problem is None:
                passed += 1
            else:
                failed += 1
                text = (problem.get("message") or "") + (problem.text or "")
                if REFUSALS.search(text):
                    unimplemented += 1
        implemented = collected - skipped - unimplemented
        row = [collected, passed, failed, skipped, unimplemented, implemented]
        totals = [a + b for a, b in zip(totals, row)]
        rows.append([name] + row)
    print("| service | collected | passed | failed | skipped | failed on an unimplemented operation | tests on implemented operations | pass rate there |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    for r in rows + [["total"] + totals]:
        rate = 100.0 * r[2] / r[6] if r[6] else 0.0
        print("| %s | %d | %d | %d | %d | %d | %d | %.0f %% |" % (r[0], r[1], r[2], r[3], r[4], r[5], r[6], rate))


if __name__ == "__main__":
    main(sys.argv[1:])
