"""``python -m cchc_docgen serve``: the page on this computer, in the drafter's browser.

The socket is bound here, before the server starts, so the port printed (a free one unless
``--cong`` names it) is the one listening, and the browser opened on it finds the page.
"""

from __future__ import annotations

import argparse
import socket
import sys
import webbrowser
from pathlib import Path

__all__ = ["parser", "serve"]

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def parser(prog: str) -> argparse.ArgumentParser:
    from ..cli import _Parser

    result = _Parser(
        prog=f"{prog} serve",
        description=(
            "Mở trang soạn kế hoạch trên máy này: điền biểu mẫu thay cho viết YAML, thấy lỗi ngay tại ô khi gõ,\n"
            "xem trước văn bản, tải tệp Word và đặc tả YAML. Trang chỉ đọc, ghi tệp trong thư mục đang đứng.\n"
            "Dừng bằng Ctrl-C."
        ),
    )
    result.add_argument("--cong", "--port", dest="port", type=int, default=0, metavar="CỔNG", help="cổng mạng (mặc định: một cổng còn trống)")
    result.add_argument(
        "--may-chu", "--host", dest="host", default="127.0.0.1", metavar="ĐỊA_CHỈ",
        help="địa chỉ lắng nghe (mặc định 127.0.0.1: chỉ máy này vào được)",
    )  # fmt: skip
    result.add_argument("--khong-mo", "--no-browser", dest="browser", action="store_false", help="không tự mở trình duyệt")
    return result


def serve(args: argparse.Namespace) -> int:
    import uvicorn

    from .routes import LOOPBACK_HOSTS, create_app

    family = socket.AF_INET6 if ":" in args.host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((args.host, args.port))
    except OSError as exc:
        print(f"Không mở được cổng {args.port} trên {args.host}: {exc.strerror or exc}.\n    Gợi ý: bỏ --cong để dùng một cổng còn trống.", file=sys.stderr)
        return 1
    sock.listen(128)
    port = sock.getsockname()[1]
    shown = f"[{args.host}]" if family == socket.AF_INET6 else args.host
    address = f"http://{shown}:{port}/"
    hosts = LOOPBACK_HOSTS if args.host in LOOPBACK else [*LOOPBACK_HOSTS, shown]
    if args.host not in LOOPBACK:
        print(f"Chú ý: trang mở cho mọi máy vào được {args.host}; tệp trong {Path.cwd()} đọc được từ đó.", file=sys.stderr)
    app = create_app(Path.cwd(), allowed_hosts=hosts)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    print(f"Trang soạn kế hoạch: {address}\nThư mục làm việc: {Path.cwd()}\nDừng bằng Ctrl-C.", flush=True)
    if args.browser:
        webbrowser.open(address)
    stopped = False
    try:
        server.run(sockets=[sock])  # -- uvicorn finishes the requests under way, then re-raises Ctrl-C --
    except KeyboardInterrupt:
        stopped = True
    print("Đã dừng trang soạn kế hoạch; các tệp trong thư mục không bị thay đổi.", file=sys.stderr)
    return 130 if stopped else 0  # -- the command's code for Ctrl-C (cli.EXIT_CODES) --
