#!/usr/bin/python3
"""Clients caught by a failover while the proxy chooses their backend; Python standard library only.

  midhandshake.py clients DIR N VIP PORT
  midhandshake.py serve PORT

serve is their backend: it listens on [::]:PORT (backlog 128) and answers each connection's
first line x with "OK-x\n", then closes; a thread per connection, no process per connection
(a forking backend's 100 fork+execs at the kill delayed the kill command by seconds).

clients:

Opens N TCP connections to VIP:PORT at once (a delayed-binding service: the proxy answers the
handshake itself and waits for the first bytes). When all are connected (or 10 s have passed)
it writes DIR/connected, then waits for DIR/go to appear (the test creates it just before it
kills the master) and has each client send "A\\n" 0..3 s later, close its sending side (FIN),
and read the answer to the end. One process with a thread per client: 50 shell pipelines
would fork hundreds of processes at the moment of the kill and delay the kill command itself
by seconds on a loaded two-core host.

Each client writes DIR/c<i>, one line:
  OUTCOME START SENT END PORT DETAIL
OUTCOME is OK (the answer was "OK-A\\n"), RESET (the connection was reset or refused), HUNG (no
end within 80 s) or OTHER (anything else: DETAIL says what came back); START, SENT, END are
epoch milliseconds (SENT is - when nothing was sent), PORT the client's source port.
"""
import os
import random
import socket
import sys
import threading
import time


def now_ms():
    return int(time.time() * 1000)


def client(i, d, addr, go, connected):
    start = now_ms()
    sent = "-"
    port = 0
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        sock.settimeout(60)
        sock.connect(addr)
        port = sock.getsockname()[1]
        connected.release()
        go.wait()
        time.sleep(random.uniform(0, 3))
        sent = now_ms()
        sock.sendall(b"A\n")
        sock.shutdown(socket.SHUT_WR)
        sock.settimeout(max(1, 80 - (now_ms() - start) / 1000))
        got = b""
        while True:
            chunk = sock.recv(4096)
            if not chunk:
                break
            got += chunk
        outcome, detail = ("OK", "") if got == b"OK-A\n" else ("OTHER", "received %r then FIN" % got)
    except (ConnectionResetError, ConnectionRefusedError, BrokenPipeError) as e:
        outcome, detail = "RESET", type(e).__name__
    except socket.timeout:
        outcome, detail = "HUNG", "no end within 80 s"
    except OSError as e:
        outcome, detail = "OTHER", repr(e)
    finally:
        sock.close()
    with open(os.path.join(d, "c%d" % i), "w") as f:
        f.write("%s %d %s %d %d %s\n" % (outcome, start, sent, now_ms(), port, detail))


def answer(conn):
    with conn:
        conn.settimeout(120)
        got = b""
        try:
            while b"\n" not in got and len(got) < 1024:
                chunk = conn.recv(1024)
                if not chunk:
                    break
                got += chunk
            conn.sendall(b"OK-" + got.split(b"\n")[0] + b"\n")
        except OSError:
            pass


def serve(port):
    srv = socket.socket(socket.AF_INET6, socket.SOCK_STREAM)
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind(("::", port))
    srv.listen(128)
    while True:
        conn, _ = srv.accept()
        threading.Thread(target=answer, args=(conn,), daemon=True).start()


def clients(d, n, vip, port):
    go = threading.Event()
    connected = threading.Semaphore(0)
    threads = [threading.Thread(target=client, args=(i, d, (vip, port), go, connected)) for i in range(n)]
    for t in threads:
        t.start()
    deadline = time.time() + 10
    count = 0
    while count < n and connected.acquire(timeout=max(0, deadline - time.time())):
        count += 1
    with open(os.path.join(d, "connected.tmp"), "w") as f:
        f.write("%d\n" % count)
    os.rename(os.path.join(d, "connected.tmp"), os.path.join(d, "connected"))
    while not os.path.exists(os.path.join(d, "go")):
        time.sleep(0.005)
    go.set()
    for t in threads:
        t.join()


if __name__ == "__main__":
    if sys.argv[1] == "serve":
        serve(int(sys.argv[2]))
    else:
        clients(sys.argv[2], int(sys.argv[3]), sys.argv[4], int(sys.argv[5]))
