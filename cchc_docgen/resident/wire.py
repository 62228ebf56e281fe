"""What the command and the resident process say to each other over the socket.

Each message is a 4-byte length and a ``marshal``-ed value (built-in types only: marshal
is in every Python, costs the command no import, and both ends are the same interpreter,
which the socket's name guarantees). The peer is trusted only because the socket's folder
is this user's alone, and the child checks the peer's user id as well.

The command sends one request, with its standard input, output and error attached as
file descriptors (SCM_RIGHTS); the resident side replies ``("pid", n)`` once a child has
taken the request, then ``("exit", code)`` when the command is done, or ``("refused",
why)`` instead of both when the command must run in its own process.
"""

from __future__ import annotations

import _socket
import marshal
import sys

TYPE_CHECKING = False  # -- not typing's: see cchc_docgen/__init__.py --
if TYPE_CHECKING:
    from typing import Any

_LENGTH = 4
_FD_BYTES = 4
_MOST = 16 * 1024 * 1024  # -- a request is an argv and an environment: anything larger is not ours --


def send(sock: _socket.socket, value: Any, fds: tuple[int, ...] = ()) -> None:
    data = marshal.dumps(value)
    frame = len(data).to_bytes(_LENGTH, "big") + data
    if fds:
        rights = b"".join(fd.to_bytes(_FD_BYTES, sys.byteorder, signed=True) for fd in fds)
        sent = sock.sendmsg([frame], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, rights)])
        frame = frame[sent:]
    while frame:
        frame = frame[sock.send(frame) :]


def receive(sock: _socket.socket, *, fds: int = 0) -> tuple[Any, list[int]]:
    """The next message and the descriptors that came with it; EOFError if the other side
    closed the socket before a whole message."""
    received: list[int] = []
    head = b""
    if fds:
        data, ancillary, _, _ = sock.recvmsg(_LENGTH, _socket.CMSG_SPACE(fds * _FD_BYTES))
        for level, kind, payload in ancillary:
            if level == _socket.SOL_SOCKET and kind == _socket.SCM_RIGHTS:
                usable = len(payload) - len(payload) % _FD_BYTES
                received += [int.from_bytes(payload[i : i + _FD_BYTES], sys.byteorder, signed=True) for i in range(0, usable, _FD_BYTES)]
        if not data:
            raise EOFError
        head = data
    head += _exactly(sock, _LENGTH - len(head))
    size = int.from_bytes(head, "big")
    if size > _MOST:
        raise EOFError
    return marshal.loads(_exactly(sock, size)), received


def _exactly(sock: _socket.socket, size: int) -> bytes:
    parts = []
    while size:
        part = sock.recv(min(size, 1 << 20))
        if not part:
            raise EOFError
        parts.append(part)
        size -= len(part)
    return b"".join(parts)
