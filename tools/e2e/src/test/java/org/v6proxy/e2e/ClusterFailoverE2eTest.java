/*
 * Copyright 2026-present v6proxy contributors
 *
 * Licensed under the Apache License, Version 2.0 (the "License");
 * you may not use this file except in compliance with the License.
 * You may obtain a copy of the License at
 *
 *     http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing, software
 * distributed under the License is distributed on an "AS IS" BASIS,
 * WITHOUT WARRANTIES OR CONDITIONS OF ANY KIND, either express or implied.
 * See the License for the specific language governing permissions and
 * limitations under the License.
 */
package org.v6proxy.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.After;
import org.junit.AfterClass;
import org.junit.FixMethodOrder;
import org.junit.Test;
import org.junit.runners.MethodSorters;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;
import static org.v6proxy.e2e.ClusterE2e.H1;
import static org.v6proxy.e2e.ClusterE2e.H2;
import static org.v6proxy.e2e.ClusterE2e.H3;
import static org.v6proxy.e2e.ClusterE2e.H4;

/**
 * Issue 12's failover with three instances on Atomix and real programs: 30 MB transfers through
 * an l4 and a spliced (http, prefix) service both ways while an instance is SIGKILLed at about a
 * third, a UDP flow across the kill, new connections right after it, the survivors' REST
 * listings; a killed instance that rejoins; 50 delayed-binding connections caught
 * mid-handshake by the master's kill; then the kill of the Atomix storage node that leads the
 * election's Raft partition. The scenarios that kill run on a fresh cluster or the one the
 * previous left whole ({@link ClusterE2e#upThree} starts only what is missing): a start costs
 * about a minute on a loaded machine. The longest stall of each transfer across the kill is printed
 * (docs/bench/cluster.md).
 */
@FixMethodOrder(MethodSorters.NAME_ASCENDING)
public class ClusterFailoverE2eTest {
    private static final int MIB = 30;
    /** The 30 MB file through the l4 service and through the http service (spliced), paced. */
    private static final String L4_BIG = "http://10.0.0.43" + Servers.PACED + "big.bin";
    private static final String WEB_BIG = "http://10.0.0.42:8080" + Servers.PACED + "big.bin";
    /**
     * The TCP services whose records b1 and c1 expect gone after their transfers: theirs, not
     * seed, whose records of clients that closed on b3's dead master may stay until their idle
     * timeout (b3) in the map c1 inherits.
     */
    private static final String[] TRANSFER_SERVICES = {"files", "web", "sink", "upload"};
    private static final String[] MID_HANDSHAKE_SERVICE = {"seed"};
    /**
     * Bound of a transfer's stall across the master's kill. Issue 12's target is 2 s, met in every
     * run measured here (1.55-1.95 s at load 10-17, docs/bench/cluster.md), but that figure is the
     * failover (1 s session timeout and the role claim) rounded up to the hosts' next TCP
     * retransmission, which backs off (about 0.2, 0.6, 1.4, 3.0, 6.2 s after the loss): a failover
     * that takes just over 1.4 s on a slower or busier host than ours stalls about 3 s. A Raft
     * election on the failover path (the former layout) costs at least 3.5 s, so its stall is 6 s
     * or more: 5 s tells the two apart without failing on the retransmission step.
     */
    private static final long MASTER_KILL_STALL_MS = 5000;
    private final Servers servers = new Servers();
    private final List<Process> clients = new ArrayList<>();

    @After
    public void tearDown() {
        clients.forEach(Cmd::stop);
        servers.close();
    }

    @AfterClass
    public static void down() {
        ClusterE2e.down();
    }

    /** One transfer: a client program, the file it fills (download) or its backend fills (upload). */
    private static final class Transfer {
        final String name;
        final File sent;
        final File received;
        final Process process;
        /** The client program's output (its error when it fails). */
        final File log;
        final long[] sizes = new long[2];
        long lastGrowth;
        long longestStallMs;
        long stallEndedAt;
        /** When the killed instance was gone; the stall that spans it is the failover's. */
        volatile long killedAt = Long.MAX_VALUE;
        long stallAcrossKillMs = -1;

        Transfer(String name, File sent, File received, Process process, File log) {
            this.name = name;
            this.sent = sent;
            this.received = received;
            this.process = process;
            this.log = log;
        }

        /** The client's output, for a failure message. */
        String output() {
            try {
                return name + " said: " + Files.readString(log.toPath(), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                return name + ": no output (" + e + ")";
            }
        }

        /** Samples the received size; records the longest time without growth until it is complete. */
        void sample(long now) {
            long size = received.length();
            if (lastGrowth == 0) {
                lastGrowth = now;
            }
            if (size > sizes[0] || size >= sent.length()) {
                long stall = now - lastGrowth;
                if (size > sizes[0] && stall > longestStallMs) {
                    longestStallMs = stall;
                    stallEndedAt = now;
                }
                if (size > sizes[0] && lastGrowth <= killedAt && killedAt <= now && stallAcrossKillMs < 0) {
                    stallAcrossKillMs = stall;
                }
                lastGrowth = now;
                sizes[0] = size;
            }
        }
    }

    private File docroot() {
        File root = E2e.workDir("cl-www");
        Files2.random(root, "big.bin", MIB);
        servers.nginx(H1, 8080, root);
        return new File(root, "big.bin");
    }

    private Transfer download(String name, File big, String... curlArgs) {
        File got = new File(E2e.workDir("cl-got"), name + ".bin");
        // Sent at 512 KB/s by nginx (Servers.PACED): a minute, so that the transfer still runs when
        // the slowest is a third through and the kill is done (kill-instance took up to 12 s on a
        // loaded host).
        List<String> argv = new ArrayList<>(List.of("curl", "-sS", "--max-time", "150", "-o", got.getPath()));
        argv.addAll(List.of(curlArgs));
        File log = new File(got.getParentFile(), name + ".log");
        Process p = Cmd.spawn(H3, log, argv.toArray(new String[0]));
        clients.add(p);
        return new Transfer(name, big, got, p, log);
    }

    private Transfer upload(String name, String ns, int port, String target, String prefix) {
        File dir = E2e.workDir("cl-up");
        File up = new File(dir, name + ".bin");
        Files2.random(dir, name + ".raw", MIB);
        // A prefix service routes by the first bytes: the upload starts with them.
        Cmd.Result mk = Cmd.sh(null, 30, "printf '" + prefix + "' > " + up + " && cat " + dir + "/" + name
                + ".raw >> " + up);
        assertEquals(mk.toString(), 0, mk.exit);
        File sunk = new File(E2e.workDir("cl-sink"), name + ".bin");
        servers.spawn(ns, port, "socat", "-u", "TCP6-LISTEN:" + port + ",reuseaddr", "CREATE:" + sunk);
        String[] hostPort = target.split(":");
        // About 512 KB/s, as the downloads; a write blocks while the failover lasts.
        File log = new File(dir, name + ".log");
        Process p = Cmd.spawn(H4, log, "python3", "-c",
                              "import socket,sys,time\n"
                                      + "s=socket.create_connection(('" + hostPort[0] + "'," + hostPort[1] + "))\n"
                                      + "f=open('" + up + "','rb')\n"
                                      + "while True:\n"
                                      + "    b=f.read(65536)\n"
                                      + "    if not b: break\n"
                                      + "    s.sendall(b); time.sleep(0.125)\n"
                                      + "s.shutdown(socket.SHUT_WR)\n"
                                      + "s.recv(1)\n");
        clients.add(p);
        return new Transfer(name, up, sunk, p, log);
    }

    /** Samples every transfer every 10 ms until all are complete or their processes ended. */
    private static Thread monitor(List<Transfer> transfers) {
        Thread t = new Thread(() -> {
            while (!Thread.currentThread().isInterrupted()) {
                long now = System.currentTimeMillis();
                boolean running = false;
                for (Transfer x : transfers) {
                    x.sample(now);
                    running |= x.received.length() < x.sent.length() && x.process.isAlive();
                }
                if (!running) {
                    return;
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "cluster-e2e-monitor");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Waits until a transfer has a third of its bytes. */
    private static void awaitThird(Transfer x) {
        long end = System.currentTimeMillis() + 120_000;
        while (x.received.length() < x.sent.length() / 3) {
            assertTrue(x.name + " made no progress to a third: " + x.received.length() + " bytes",
                       System.currentTimeMillis() < end && x.process.isAlive());
            E2e.sleep(10);
        }
    }

    /** A transfer that ended before the kill shows nothing about the failover. */
    private static void assertRunningAtKill(List<Transfer> transfers) {
        StringBuilder at = new StringBuilder();
        for (Transfer x : transfers) {
            at.append(' ').append(x.name).append('=').append(x.received.length());
        }
        System.out.println("cluster: bytes received at the kill:" + at);
        for (Transfer x : transfers) {
            assertTrue(x.name + " had ended before the kill:" + at, x.received.length() < x.sent.length());
        }
    }

    private static void awaitComplete(List<Transfer> transfers, long killedAt) throws InterruptedException {
        for (Transfer x : transfers) {
            assertTrue(x.name + " did not end in time", x.process.waitFor(150, TimeUnit.SECONDS));
            assertEquals(x.output() + "; received " + x.received.length() + " of " + x.sent.length()
                                 + " bytes; exit status", 0, x.process.exitValue());
            // An upload's receiver writes the last bytes after the client's exit.
            for (int i = 0; i < 100 && x.received.length() < x.sent.length(); i++) {
                E2e.sleep(100);
            }
        }
        for (Transfer x : transfers) {
            assertEquals(x.name + " arrived byte-identical", Files2.sha256(x.sent), Files2.sha256(x.received));
            System.out.printf("cluster: %s: %d bytes intact, stall across the kill %d ms, longest stall %d ms"
                                      + " (ended %d ms after the kill)%n", x.name, x.received.length(),
                              x.stallAcrossKillMs, x.longestStallMs, x.stallEndedAt - killedAt);
        }
    }

    @Test
    public void a1NonMasterKilledDisturbsNoTransfer() throws Exception {
        ClusterE2e.upThree();
        int[] master = ClusterE2e.master().orElseThrow(() -> new AssertionError("no master: "
                                                                                      + ClusterE2e.roles()));
        File big = docroot();
        List<Transfer> transfers = List.of(
                download("l4-down", big, L4_BIG),
                download("http-down", big, "-H", "Host: a.example", WEB_BIG));
        Thread mon = monitor(transfers);
        transfers.forEach(ClusterFailoverE2eTest::awaitThird);
        int victim = master[0] % ClusterE2e.INSTANCES + 1;
        assertEquals(victim, ClusterE2e.kill("" + victim));
        long killedAt = System.currentTimeMillis();
        transfers.forEach(x -> x.killedAt = killedAt);
        assertRunningAtKill(transfers);
        awaitComplete(transfers, killedAt);
        mon.join(1000);
        Optional<int[]> after = ClusterE2e.master();
        assertTrue(ClusterE2e.roles().toString(), after.isPresent());
        assertEquals("the master stays master: " + ClusterE2e.roles(), master[0], after.get()[0]);
        for (Transfer x : transfers) {
            // The machine's load makes stalls of its own: only the one across the kill is the kill's,
            // and even that one may be the load's (a stall of 2.8 s was seen in a run with no kill
            // near it, a packet-in queue and TCP's RTO on two busy cores). A master's failover
            // takes a session timeout, an election and a role claim on top, so the bound is above
            // the load's stalls and below a failover's.
            assertTrue(x.name + " stalled " + x.stallAcrossKillMs + " ms across a slave's kill",
                       x.stallAcrossKillMs < 4000);
        }
    }

    @Test
    public void b1MasterKilledTransfersUdpNewAndMidHandshakeConnectionsContinue() throws Exception {
        ClusterE2e.upThree();
        int[] master = ClusterE2e.master().orElseThrow(() -> new AssertionError("no master: "
                                                                                      + ClusterE2e.roles()));
        File big = docroot();
        servers.spawn(H1, 5353, "socat", "UDP6-RECVFROM:5353,fork", "EXEC:/bin/cat");
        // Everything is set up before the first transfer starts, so that all run at the kill.
        long t0 = System.currentTimeMillis();
        List<Transfer> transfers = new ArrayList<>();
        // The uploads first: each prepares its file and sink before its client starts, and the
        // downloads (curl runs above its rate limit at first) would otherwise be far ahead.
        transfers.add(upload("l4-up", H1, 9000, "10.0.0.43:9000", "SINK"));
        transfers.add(upload("prefix-up", H2, 9000, "10.0.0.42:9000", "PUT"));
        transfers.add(download("l4-down", big, L4_BIG));
        transfers.add(download("http-down", big, "-H", "Host: a.example", WEB_BIG));
        // One UDP flow (fixed source port: the same mapping throughout), a query every 100 ms.
        File udpLog = new File(E2e.workDir("cl-udp"), "answers.log");
        clients.add(Cmd.spawn(H3, udpLog, "bash", "-c", "for i in $(seq 1 400); do a=$(echo q$i | timeout 1 "
                + "socat -t 0.5 - UDP:10.0.0.43:53,sourceport=40053,reuseaddr); echo \"$(date +%s%3N) q$i $a\";"
                + " sleep 0.1; done"));
        Thread mon = monitor(transfers);
        long tStarted = System.currentTimeMillis();
        transfers.forEach(ClusterFailoverE2eTest::awaitThird);
        long t1 = System.currentTimeMillis();
        long t2 = System.currentTimeMillis();
        assertEquals(master[0], ClusterE2e.kill("master"));
        System.out.printf("cluster: started in %d ms, a third after %d ms, kill started %d ms, done %d ms"
                                  + " after the first transfer%n", tStarted - t0, t1 - t0, t2 - t0,
                          System.currentTimeMillis() - t0);
        // From the process's end (kill-instance waits for it): until then it is master.
        long killedAt = System.currentTimeMillis();
        transfers.forEach(x -> x.killedAt = killedAt);
        assertRunningAtKill(transfers);
        int next = ClusterE2e.awaitNewMaster(master[0], master[1], 20_000);
        long failover = System.currentTimeMillis() - killedAt;
        assertNotEquals("no new master: " + ClusterE2e.roles(), -1, next);
        System.out.printf("cluster: instance %d is MASTER %d ms after the kill of %d%n", next, failover, master[0]);

        // New connections right after the kill: an l4 and a spliced one.
        Cmd.Result l4 = Cmd.run(H4, 30, "curl", "-sS", "--max-time", "25", "http://10.0.0.43/whoami");
        assertEquals(l4.toString(), 0, l4.exit);
        assertTrue(l4.toString(), l4.out().contains("2001:db8:46::a00:4"));
        Cmd.Result web = Cmd.run(H4, 30, "curl", "-sS", "--max-time", "25", "-H", "Host: a.example",
                                 "http://10.0.0.42:8080/whoami");
        assertEquals(web.toString(), 0, web.exit);
        assertTrue(web.toString(), web.out().contains("a.example"));
        long newConnections = System.currentTimeMillis() - killedAt;

        // Both survivors list the transfers still running (the store's mirror on each): the spliced
        // download (http-down, service web) is the one asked for.
        List<String> survivorsSaw = new ArrayList<>();
        for (int i = 1; i <= ClusterE2e.INSTANCES; i++) {
            if (i != master[0] && transfers.get(3).received.length() < big.length()) {
                List<String> listed = ClusterE2e.services(i);
                survivorsSaw.add(i + ":" + listed);
                assertTrue("instance " + i + " lists the running spliced download: " + listed,
                           listed.contains("web"));
            }
        }
        awaitComplete(transfers, killedAt);
        mon.join(1000);
        System.out.printf("cluster: new connections done %d ms after the kill; survivors listed %s%n",
                          newConnections, survivorsSaw);

        // UDP: answers before the kill, and after it the same flow answers again, to the end.
        E2e.sleep(1500);
        List<String> lines = Files.readAllLines(udpLog.toPath(), StandardCharsets.UTF_8);
        long before = 0;
        long after = 0;
        long lastAnswered = 0;
        for (String line : lines) {
            String[] f = line.split(" ");
            if (!f[0].matches("[0-9]+")) {
                // A late answer (held across the failover) read by the next query's socat on the same
                // source port comes out as a line of its own: not a query's line.
                continue;
            }
            boolean answered = f.length == 3 && f[2].equals(f[1]);
            long at = Long.parseLong(f[0]);
            if (answered) {
                lastAnswered = at;
                if (at < killedAt) {
                    before++;
                } else {
                    after++;
                }
            }
        }
        assertTrue("UDP answered before the kill: " + lines, before > 0);
        assertTrue("UDP answered after the kill: " + lines, after > 0);
        assertTrue("UDP still answers at the end", lastAnswered > System.currentTimeMillis() - 3000);
        System.out.printf("cluster: UDP answers %d before, %d after the kill%n", before, after);

        assertEquals("TCP connections left on the survivors after the transfers", "[]",
                     awaitNoTcp(master[0], 60_000, TRANSFER_SERVICES));

        // With the Raft members on separate storage nodes a master's death costs no Raft election:
        // its election session expires (1 s), the next candidate claims MASTER, and TCP
        // retransmits (docs/bench/cluster.md). Transfers that had ended before the kill have no
        // such stall.
        for (Transfer x : transfers) {
            assertTrue(x.name + " stalled " + x.stallAcrossKillMs + " ms across the master's kill",
                       x.stallAcrossKillMs < MASTER_KILL_STALL_MS);
        }
    }

    /**
     * A killed instance rejoins: {@code tools/demo/up --instances 3} again, with the storage nodes
     * and the other instances running, starts only the dead one; it joins the running cluster as
     * a candidate (SLAVE on the switch), the master and the other instance keep their processes,
     * and new connections still open.
     */
    @Test
    public void b2KilledInstanceRejoinsAlone() throws Exception {
        ClusterE2e.upThree();
        int[] master = ClusterE2e.master().orElseThrow(() -> new AssertionError("no master: "
                                                                                      + ClusterE2e.roles()));
        int victim = master[0] % ClusterE2e.INSTANCES + 1;
        assertEquals(victim, ClusterE2e.kill("" + victim));
        long[] pids = new long[ClusterE2e.INSTANCES + 1];
        for (int i = 1; i <= ClusterE2e.INSTANCES; i++) {
            pids[i] = ClusterE2e.pid(i);
        }
        ClusterE2e.upThree();
        for (int i = 1; i <= ClusterE2e.INSTANCES; i++) {
            assertTrue("instance " + i + " runs: " + ClusterE2e.roles(), ClusterE2e.alive(i));
            if (i == victim) {
                assertNotEquals("instance " + i + " started again", pids[i], ClusterE2e.pid(i));
            } else {
                assertEquals("instance " + i + " kept its process", pids[i], ClusterE2e.pid(i));
            }
        }
        long end = System.currentTimeMillis() + 20_000;
        while (!ClusterE2e.role(victim).startsWith("SLAVE") && System.currentTimeMillis() < end) {
            E2e.sleep(100);
        }
        assertTrue("the rejoined instance is SLAVE: " + ClusterE2e.roles(),
                   ClusterE2e.role(victim).startsWith("SLAVE"));
        assertEquals("the master stays master: " + ClusterE2e.roles(), master[0],
                     ClusterE2e.master().map(m -> m[0]).orElse(-1).intValue());
        docroot();
        Cmd.Result l4 = Cmd.run(H4, 30, "curl", "-sS", "--max-time", "25", "http://10.0.0.43/whoami");
        assertEquals(l4.toString(), 0, l4.exit);
        assertTrue(l4.toString(), l4.out().contains("2001:db8:46::a00:4"));
        // The rejoined instance's mirror and REST work: it answers the listing.
        ClusterE2e.services(victim);
    }

    /**
     * Issue 12: the master killed while 50 delayed-binding connections are mid-handshake - each
     * client completes or gets a RST, none hangs, and no record stays of a client whose close
     * the new master saw (the others age out by their idle timeout). Its own
     * scenario on the cluster b2 leaves, not part of b1: the clients' burst at the kill (50
     * connections, then 50 backend legs and the backend's forks) loads the host for seconds and
     * would lengthen the transfers' stalls that b1 measures.
     */
    @Test
    public void b3MasterKilledWhileFiftyClientsChooseTheirBackend() throws Exception {
        ClusterE2e.upThree();
        int[] master = ClusterE2e.master().orElseThrow(() -> new AssertionError("no master: "
                                                                                      + ClusterE2e.roles()));
        File mid = E2e.workDir("cl-mid");
        midHandshakeBackend();
        Process midClients = fiftyMidHandshake(mid);
        go(mid);
        long killStarted = System.currentTimeMillis();
        assertEquals(master[0], ClusterE2e.kill("master"));
        long killedAt = System.currentTimeMillis();
        int next = ClusterE2e.awaitNewMaster(master[0], master[1], 20_000);
        assertNotEquals("no new master: " + ClusterE2e.roles(), -1, next);
        System.out.printf("cluster: instance %d is MASTER %d ms after the kill of %d%n", next,
                          System.currentTimeMillis() - killedAt, master[0]);
        assertNoneHung(mid, midClients, killStarted, killedAt);
        // The service still opens new connections.
        Cmd.Result again = Cmd.sh(H4, 30, "echo A | socat -t 20 - TCP:10.0.0.42:80,connect-timeout=20");
        assertEquals(again.toString(), "OK-A", again.out().trim());
        // Of the 50 only the records of clients that sent their prefix and FIN before the kill may
        // stay: the phase changes and the removal are written behind the packet path, and a master
        // that dies before they land leaves the last phase written (a client FIN it passed on, say),
        // which the new master ages out by that phase's idle timeout (docs/bench/cluster.md, "What
        // the caller waits for"). A client that sent after the kill had its backend leg, both FINs
        // and its close on the new master: its record must be gone.
        Map<String, Long> sent = clientSent(mid);
        for (ObjectNode c : tcpLeft(master[0], 60_000, MID_HANDSHAKE_SERVICE)) {
            Long sentAt = sent.get(c.get("client").asText());
            assertTrue("a record left that is not one of the 50 clients': " + c, sentAt != null);
            assertTrue("the record of a client that sent its prefix " + (sentAt - killedAt) + " ms after the kill"
                               + " is still listed 60 s later: " + c, sentAt <= killedAt);
        }
    }

    /**
     * Returns when each of the 50 mid-handshake clients sent its prefix and FIN (epoch ms; 0 when
     * it sent nothing), by its "10.0.0.3:port".
     */
    private static Map<String, Long> clientSent(File dir) throws IOException {
        Map<String, Long> sent = new HashMap<>();
        for (int i = 0; i < 50; i++) {
            String[] f = Files.readString(new File(dir, "c" + i).toPath()).trim().split(" ", 6);
            sent.put("10.0.0.3:" + f[4], f[2].equals("-") ? 0L : Long.parseLong(f[2]));
        }
        return sent;
    }

    /**
     * Kills the Atomix storage node that leads the Raft partition holding the switch's mastership
     * election while an l4 and a spliced download and an l4 upload run: the other two storage
     * nodes elect a new leader after Raft's election timeout (Atomix 3.1.9: 2.5 s + 0..2.5 s, not
     * configurable), and every transfer finishes byte-identical. The stall across the kill is
     * printed (docs/bench/cluster.md); its bound covers that timeout, a session and role
     * claim on top, and TCP's retransmission backoff (a 5 s silence puts the next retransmission
     * at 6.2 s, a 6.3 s one at 12.6 s).
     */
    @Test
    public void c1StorageLeaderKilledTransfersContinue() throws Exception {
        ClusterE2e.upThree();
        int[] master = ClusterE2e.master().orElseThrow(() -> new AssertionError("no master: "
                                                                                      + ClusterE2e.roles()));
        File big = docroot();
        List<Transfer> transfers = new ArrayList<>();
        transfers.add(download("l4-down", big, L4_BIG));
        transfers.add(download("http-down", big, "-H", "Host: a.example", WEB_BIG));
        transfers.add(upload("l4-up", H1, 9000, "10.0.0.43:9000", "SINK"));
        Thread mon = monitor(transfers);
        awaitThird(transfers.get(0));
        String before = ClusterE2e.storageRoles(1) + " | " + ClusterE2e.storageRoles(2) + " | "
                + ClusterE2e.storageRoles(3);
        int killed = ClusterE2e.killStorage("leader");
        long killedAt = System.currentTimeMillis();
        transfers.forEach(x -> x.killedAt = killedAt);
        System.out.printf("cluster: storage node %d killed; roles before: %s%n", killed, before.replace('\n', ' '));

        // A new connection after the kill: its store write waits for the new Raft leader.
        Cmd.Result l4 = Cmd.run(H4, 40, "curl", "-sS", "--max-time", "35", "http://10.0.0.43/whoami");
        assertEquals(l4.toString(), 0, l4.exit);
        assertTrue(l4.toString(), l4.out().contains("2001:db8:46::a00:4"));
        long newConnection = System.currentTimeMillis() - killedAt;

        awaitComplete(transfers, killedAt);
        mon.join(1000);
        System.out.printf("cluster: after the storage leader's kill: new connection done %d ms after it, roles %s,"
                                  + " master before %d%n", newConnection, ClusterE2e.roles(), master[0]);
        for (Transfer x : transfers) {
            assertTrue(x.name + " stalled " + x.stallAcrossKillMs + " ms across the storage leader's kill",
                       x.stallAcrossKillMs < 15_000);
        }
        assertEquals("TCP connections left on the instances after the transfers", "[]",
                     awaitNoTcp(0, 60_000, TRANSFER_SERVICES));
    }

    /**
     * The backend of {@link #fiftyMidHandshake} (midhandshake.py serve): answers each
     * connection's first line with OK- and the line. Threads, not a process per connection: a
     * forking backend (socat ... EXEC) forked and exec'd twice per client at the kill and delayed
     * the kill command by seconds. Its listen backlog is 128: with socat's default of 5 the burst
     * of backend legs the new master opens for the clients that retransmitted across the failover
     * overflowed it, the backend's kernel answered with SYN cookies and dropped the handshake's
     * ACK and the prefix, and took a client's retransmitted FIN as the handshake's end, starting
     * the stream after the lost prefix (seen in a capture; not a proxy defect).
     */
    private void midHandshakeBackend() {
        servers.spawn(H1, 80, "python3", resource("/midhandshake.py"), "serve", "80");
    }

    /**
     * Starts 50 clients of the prefix service (delayed binding, test resource midhandshake.py):
     * each connects (the app answers the handshake itself and waits for the prefix) and, once
     * {@link #go} has been called, sends its prefix and FIN 0..3 s later, so that a kill just
     * after the go catches some while the dead master reads them or opens their backend leg
     * and most while no instance is master yet. Returns once all are connected (at most 10 s).
     */
    private Process fiftyMidHandshake(File dir) throws IOException {
        Process all = Cmd.spawn(H3, new File(dir, "clients.log"), "python3", resource("/midhandshake.py"), "clients",
                                dir.getPath(), "50", "10.0.0.42", "80");
        clients.add(all);
        long end = System.currentTimeMillis() + 20_000;
        Path connected = new File(dir, "connected").toPath();
        while (!Files.exists(connected) && System.currentTimeMillis() < end) {
            E2e.sleep(20);
        }
        System.out.printf("cluster: mid-handshake clients connected: %s%n",
                          Files.exists(connected) ? Files.readString(connected).trim() : "none after 20 s");
        return all;
    }

    /** Lets the mid-handshake clients send their prefixes. */
    private static void go(File dir) throws IOException {
        Files.write(new File(dir, "go").toPath(), new byte[0]);
    }

    private static String resource(String name) {
        try {
            return Paths.get(ClusterFailoverE2eTest.class.getResource(name).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Counts the 50 clients' outcomes (lines of midhandshake.py: OUTCOME START SENT END PORT
     * DETAIL); asserts that each completed or was reset, none hung, and that the kill caught
     * some of them between their start and their end.
     */
    private static void assertNoneHung(File dir, Process all, long killStarted, long killedAt) throws IOException,
            InterruptedException {
        assertTrue("clients did not end within 100 s", all.waitFor(100, TimeUnit.SECONDS));
        int ok = 0;
        int reset = 0;
        int caught = 0;
        int sentAfter = 0;
        List<String> other = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            File out = new File(dir, "c" + i);
            String r = out.exists() ? Files.readString(out.toPath()).trim() : "NONE 0 - 0 0 wrote nothing";
            String[] f = r.split(" ", 6);
            if (Long.parseLong(f[1]) < killStarted && Long.parseLong(f[3]) > killedAt) {
                caught++;
                if (!f[2].equals("-") && Long.parseLong(f[2]) > killedAt) {
                    sentAfter++;
                }
            }
            if (f[0].equals("OK")) {
                ok++;
            } else if (f[0].equals("RESET")) {
                reset++;
            } else {
                other.add("c" + i + ": " + r);
            }
        }
        System.out.printf("cluster: 50 mid-handshake clients, %d running at the kill (%d sent their prefix after"
                                  + " it): %d completed, %d reset, %d other %s; kill at %d..%d%n", caught, sentAfter,
                          ok, reset, other.size(), other, killStarted, killedAt);
        // Issue 12: every client completes or is reset. A client whose backend leg the dead master was
        // opening is reset by the new master (DropReason.BINDING_LOST, BindingFailoverTest).
        assertEquals("clients neither completed nor reset: " + other, 0, other.size());
        assertEquals(50, ok + reset);
        // All 50 connect before the go and send 0..3 s after it; a kill that comes 1.5 s after the go
        // (kill-instance on a loaded host) still catches about half of them.
        assertTrue("the kill caught only " + caught + " of the 50 clients between start and end", caught >= 15);
    }

    /**
     * Polls the instances' REST (all but instance dead) until none lists a connection of the
     * services; returns what is left as "instance:service".
     */
    private static String awaitNoTcp(int dead, long timeoutMs, String... services) throws IOException {
        List<String> left = new ArrayList<>();
        tcpLeft(dead, timeoutMs, services).forEach(c -> left.add(c.get("instance").asInt() + ":"
                                                                      + c.get("service").asText()));
        return left.toString();
    }

    /**
     * Polls the instances' REST (all but instance dead) until none lists a connection of the
     * services; returns the records left, each with the field "instance" added (the instance that
     * listed it).
     */
    private static List<ObjectNode> tcpLeft(int dead, long timeoutMs, String... services) throws IOException {
        long end = System.currentTimeMillis() + timeoutMs;
        while (true) {
            List<ObjectNode> left = new ArrayList<>();
            for (int i = 1; i <= ClusterE2e.INSTANCES; i++) {
                if (i != dead) {
                    for (JsonNode c : ClusterE2e.connections(i)) {
                        if (List.of(services).contains(c.get("service").asText())) {
                            left.add(((ObjectNode) c).put("instance", i));
                        }
                    }
                }
            }
            if (left.isEmpty() || System.currentTimeMillis() > end) {
                left.forEach(c -> System.out.printf("cluster: left: %s%n", c));
                return left;
            }
            E2e.sleep(500);
        }
    }
}
