# Runs the AWS CLI's own `aws` script once per request, all in this one Python process, for the
# tests' AwsCli (see its documentation for why). Started as: <the aws script's python> -c <this text>
# <path of the aws script>. A request is one line of JSON on standard input:
#   {"argv": [...], "env": {...}, "cwd": "..."}
# and its answer one line of JSON on the protocol stream (the process's original standard output):
#   {"exit": n, "out": "<base64>", "err": "<base64>"}
# Each call runs the script as its `__main__`, in a fresh module namespace, with the call's
# arguments, environment (the start environment, every AWS_* variable removed, then "env"), working
# directory, an empty standard input, and standard output and error captured as bytes: what
# `aws ARGS` as a process would see. The script builds a new botocore session (credentials, config
# and AWS_DATA_PATH read again) on every call; only the imported modules are kept between calls
# (of them, only the awscli package reads the environment when imported: it is imported again).
import base64
import importlib
import io
import json
import os
import runpy
import sys
import traceback

script = sys.argv[1]
# The answers go to a copy of the original standard output; file descriptor 1 itself then points at
# standard error, so nothing the CLI writes around sys.stdout can corrupt an answer.
protocol = os.fdopen(os.dup(1), "w", encoding="utf-8")
os.dup2(2, 1)
start_environment = {k: v for k, v in os.environ.items() if not k.startswith("AWS_")}


def exit_status(code, err):
    # What the interpreter makes of sys.exit(code) at the end of a process.
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    err.write(str(code) + "\n")
    return 1


for line in sys.stdin:
    if not line.strip():
        continue
    request = json.loads(line)
    os.environ.clear()
    os.environ.update(start_environment)
    os.environ.update(request["env"])
    # The awscli package adds its own data folder to AWS_DATA_PATH when it is imported; a reload
    # does that again for this call's environment, as the import in a new process would.
    if "awscli" in sys.modules:
        importlib.reload(sys.modules["awscli"])
    os.chdir(request["cwd"])
    out = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", write_through=True)
    saved = sys.stdin, sys.stdout, sys.stderr, sys.argv
    sys.stdin, sys.stdout, sys.stderr = io.TextIOWrapper(io.BytesIO(b""), encoding="utf-8"), out, err
    sys.argv = [script] + request["argv"]
    try:
        runpy.run_path(script, run_name="__main__")
        status = 0
    except SystemExit as e:
        status = exit_status(e.code, err)
    except BaseException:  # an uncaught error ends a process with status 1 and the traceback
        traceback.print_exc(file=err)
        status = 1
    finally:
        sys.stdin, sys.stdout, sys.stderr, sys.argv = saved
    out.flush()
    err.flush()
    protocol.write(json.dumps({
        "exit": status,
        "out": base64.b64encode(out.buffer.getvalue()).decode("ascii"),
        "err": base64.b64encode(err.buffer.getvalue()).decode("ascii"),
    }) + "\n")
    protocol.flush()
