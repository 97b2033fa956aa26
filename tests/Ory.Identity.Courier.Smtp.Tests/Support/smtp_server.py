"""A throwaway SMTP server for the courier tests (Debian's python3-aiosmtpd).

Writes each received message to <dir>/<n>.eml (written to a temporary name, then renamed, so a reader never sees half
a message) and its envelope to <n>.json. Prints "READY" once it accepts connections and exits when its parent (the test
process) is gone or stdin closes.
"""
import argparse
import json
import os
import ssl
import sys
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class FolderHandler:
    def __init__(self, folder, refuse):
        self.folder = folder
        self.refuse = refuse
        self.count = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if self.refuse and address.endswith(self.refuse):
            return "550 5.1.1 <%s>: Recipient address rejected" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            self.count += 1
            name = os.path.join(self.folder, "%06d" % self.count)
        with open(name + ".json.tmp", "w") as f:
            json.dump({"mail_from": envelope.mail_from, "rcpt_tos": envelope.rcpt_tos,
                       "authenticated": bool(session.authenticated), "tls": session.ssl is not None or server.transport.get_extra_info("ssl_object") is not None,
                       "helo": session.host_name}, f)
        os.rename(name + ".json.tmp", name + ".json")
        with open(name + ".eml.tmp", "wb") as f:
            f.write(envelope.original_content)
        os.rename(name + ".eml.tmp", name + ".eml")
        return "250 OK"


def authenticator_for(credentials):
    login, password = credentials.split(":", 1)

    def authenticate(server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and auth_data.login == login.encode() and auth_data.password == password.encode()
        return AuthResult(success=ok, handled=False)

    return authenticate


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--cert")
    parser.add_argument("--key")
    parser.add_argument("--tls", choices=["none", "starttls", "implicit"], default="none")
    parser.add_argument("--auth", help="login:password; clients must authenticate")
    parser.add_argument("--refuse", help="answer 550 to recipients ending with this")
    args = parser.parse_args()

    kwargs = {}
    context = None
    if args.tls != "none":
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(args.cert, args.key)
    if args.tls == "starttls":
        kwargs["tls_context"] = context
        kwargs["require_starttls"] = True
    if args.auth:
        kwargs["authenticator"] = authenticator_for(args.auth)
        kwargs["auth_required"] = True
        # aiosmtpd 1.4 counts only STARTTLS as TLS for AUTH; implicit TLS is TLS too.
        kwargs["auth_require_tls"] = args.tls == "starttls"
    controller = Controller(FolderHandler(args.dir, args.refuse), hostname="127.0.0.1", port=args.port,
                            ssl_context=context if args.tls == "implicit" else None, **kwargs)
    controller.start()
    print("READY", flush=True)
    parent = os.getppid()
    try:
        # Stops when the test closes stdin or dies.
        while sys.stdin.readline() and os.getppid() == parent:
            pass
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
