"""pytest plugin for run-moto-suite.sh: one fresh local control plane per moto reset.

moto's tests in server mode call POST /moto-api/reset when a mock starts and when it stops. The
local control plane has no reset (it is a model of AWS, which has none either), so with
MOTO_SUITE_TARGET=local this plugin replaces moto's reset with a restart: FreshControlPlanes.java
closes the control plane and starts a new one on the same port, and the test goes on once it
answers "ready". For the other targets (moto_server, the null server) moto's own reset is kept.
"""
import os
import subprocess

_process = None


def _port():
    return int(os.environ.get("MOTO_SUITE_PORT", "5000"))


def _await_ready():
    line = _process.stdout.readline()
    if line.strip() != "ready":
        raise RuntimeError("the local control plane did not start on port %d: %r" % (_port(), line))


def _restart():
    global _process
    if _process is None:
        launcher = os.path.join(os.path.dirname(os.path.abspath(__file__)), "FreshControlPlanes.java")
        _process = subprocess.Popen(
            ["java", "-cp", os.environ["MOTO_SUITE_JAR"], launcher, str(_port())],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    else:
        _process.stdin.write("restart\n")
        _process.stdin.flush()
    _await_ready()


def pytest_configure(config):
    if os.environ.get("MOTO_SUITE_TARGET", "local") != "local":
        return
    from moto.core.models import ServerModeMockAWS

    def restart(self):
        _restart()

    ServerModeMockAWS.reset = restart


def pytest_unconfigure(config):
    global _process
    if _process is not None:
        _process.stdin.close()
        try:
            _process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            _process.kill()
            _process.wait()
        _process = None
