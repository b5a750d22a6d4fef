"""Nothing reaches the network: a fresh process with sockets disabled checks goals, dates included."""

from __future__ import annotations

import subprocess
import sys

CODE = """
import socket
def refuse(*args, **kwargs):
    raise RuntimeError("goalcheck tried to open a network connection")
socket.socket.connect = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
import goalcheck
r = goalcheck.check("Grow unit volume by 10% from 5% to 8% in 3 hours to 40% by June 30, 2025.")
print(r.deadline.end, [f.code for f in r.findings if f.dimension == "achievable"])
"""


def test_no_network_access() -> None:
    run = subprocess.run([sys.executable, "-c", CODE], capture_output=True, text=True, check=True)
    assert run.stdout.split()[0] == "2025-06-30"
