"""A throwaway SMTP server for the browser tests (Debian's python3-aiosmtpd).

Usage: python3 smtp_catcher.py <folder> <port>. Listens on 127.0.0.1:<port>, prints "ready", and writes each message it
receives to <folder>/NNNN.json as {"mail_from", "rcpt_tos", "subject", "text", "html"} with the bodies decoded (no
quoted-printable or base64 left). Runs until its standard input closes, so it never outlives the test process.
"""
import email
import json
import os
import sys
from email import policy

from aiosmtpd.controller import Controller


class Catcher:
    def __init__(self, folder):
        self.folder = folder
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        message = email.message_from_bytes(envelope.original_content, policy=policy.default)
        text = message.get_body(preferencelist=("plain",))
        html = message.get_body(preferencelist=("html",))
        record = {
            "mail_from": envelope.mail_from,
            "rcpt_tos": envelope.rcpt_tos,
            "subject": str(message["subject"] or ""),
            "text": text.get_content() if text else "",
            "html": html.get_content() if html else "",
        }
        self.count += 1
        path = os.path.join(self.folder, f"{self.count:04}.json")
        with open(path + ".tmp", "w", encoding="utf-8") as file:
            json.dump(record, file)
        os.replace(path + ".tmp", path)
        return "250 Message accepted for delivery"


def main():
    folder, port = sys.argv[1], int(sys.argv[2])
    controller = Controller(Catcher(folder), hostname="127.0.0.1", port=port)
    controller.start()
    print("ready", flush=True)
    sys.stdin.read()
    controller.stop()


if __name__ == "__main__":
    main()
