"""pytest plugin for run-moto-suite.sh: one fresh local control plane per moto reset.

moto's tests in server mode call POST /moto-api/reset when a mock starts. The local control plane
has no reset (it is a model of AWS, which has none either), so this plugin replaces moto's reset
with a restart of the control plane: the previous process is stopped and a new one is started on
the same port before the test goes on.
"""
import os
import socket
import subprocess
import time

import pytest

_process = None


def _port():
    return int(os.environ.get("MOTO_SUITE_PORT", "5000"))


def _stop():
    global _process
    if _process is not None:
        _process.terminate()
        try:
            _process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            _process.kill()
            _process.wait()
        _process = None


def _start():
    global _process
    _stop()
    jar = os.environ["MOTO_SUITE_JAR"]
    _process = subprocess.Popen(
        ["java", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-jar", jar, "local", "--port", str(_port()),
         "--time-scale", "600"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", _port()), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError("the local control plane did not open port %d within 60 s" % _port())


def pytest_configure(config):
    from moto.core.models import ServerModeMockAWS

    def restart(self):
        _start()

    ServerModeMockAWS.reset = restart


def pytest_unconfigure(config):
    _stop()
