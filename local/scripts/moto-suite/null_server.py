"""A server that refuses every request: run-moto-suite.sh's baseline.

Run against it, moto's suite passes only the tests a server passes by refusing (those that expect an
error and do not look at which one), so the control plane's passes beyond these are earned. Every
request, moto's reset included, gets HTTP 400 (not 5xx, which botocore would retry) with an error
body in the JSON protocols' shape; botocore raises a ClientError for it in every protocol.
"""
import http.server
import sys

BODY = b'{"__type": "NullServerRefusal", "message": "the null server refuses every request"}'


class Refuse(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def _refuse(self):
        length = int(self.headers.get("Content-Length") or 0)
        if length:
            self.rfile.read(length)
        self.send_response(400)
        self.send_header("Content-Type", "application/x-amz-json-1.1")
        self.send_header("Content-Length", str(len(BODY)))
        # A chunked upload's body is left unread: close rather than read the next request from it.
        self.send_header("Connection", "close")
        self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(BODY)

    do_GET = do_PUT = do_POST = do_DELETE = do_HEAD = do_PATCH = _refuse

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    http.server.ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Refuse).serve_forever()
