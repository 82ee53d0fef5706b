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
package org.v6proxy.tools.xlat;

import org.v6proxy.api.DropReason;
import org.v6proxy.packet.Ip4;
import org.v6proxy.packet.Ip4Split;
import org.v6proxy.packet.Ip6;
import org.v6proxy.packet.Ip6Ext;
import org.v6proxy.xlate.Pool6Mapper;
import org.v6proxy.xlate.Translator;
import org.v6proxy.xlate.XlatResult;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * {@code tools/xlat}: translates one raw IP packet file statelessly (SIIT, RFC 7915) with
 * the same {@link Translator} the app uses, for debugging and conformance checks.
 *
 * <pre>
 * xlat [--pool6 PREFIX] [--eam V4PREFIX=V6PREFIX]... [--ipv4-mtu N] [--ipv6-mtu N] IN OUT
 * </pre>
 * IN holds one packet starting at the IP header; its version nibble picks the direction.
 * OUT receives the translated packet, or the ICMP error the translator sends back. An IPv4
 * packet without DF that is too big for the IPv6 side is fragmented first (RFC 7915 section
 * 4.1: "the packet SHOULD be fragmented so that the resulting IPv6 packet (with Fragment
 * Header added to each fragment) will be less than or equal to" the IPv6 MTU, which plays the
 * role of the RFC's lowest-ipv6-mtu); its IPv4 options, which are not translated, are left out
 * of the fragments. The IPv6 fragments are then written to OUT back to back, in order (each
 * packet's own length field delimits it), one summary line per packet.
 * Exit status: 0 a packet was written, 1 the packet was dropped (reason on stderr),
 * 2 usage or I/O error.
 */
public final class XlatMain {

    /** Exit status: a packet was written. */
    public static final int OK = 0;
    /** Exit status: the translator dropped the packet. */
    public static final int DROPPED = 1;
    /** Exit status: bad arguments or unreadable/unwritable files. */
    public static final int USAGE = 2;

    /** pool6 used when neither --pool6 nor --eam is given (RFC 6052 well-known prefix). */
    public static final String DEFAULT_POOL6 = "64:ff9b::/96";

    static final String USAGE_TEXT =
            "usage: xlat [--pool6 PREFIX] [--eam V4PREFIX=V6PREFIX]... [--ipv4-mtu N] [--ipv6-mtu N] IN OUT\n"
            + "  IN    file with one raw IPv4 or IPv6 packet (starting at the IP header)\n"
            + "  OUT   file to write the translated packet (or the ICMP error sent back) to; the IPv6\n"
            + "        fragments of a too-big IPv4 packet without DF are written back to back\n"
            + "  --pool6     RFC 6052 prefix (/32,/40,/48,/56,/64,/96); default " + DEFAULT_POOL6
            + " unless --eam is given\n"
            + "  --eam       RFC 7757 explicit address mapping, tried before pool6 (repeatable)\n"
            + "  --ipv4-mtu  MTU of the IPv4 side (68..65535, default 1500)\n"
            + "  --ipv6-mtu  MTU of the IPv6 side (1280..65535, default 1500)\n"
            + "exit: 0 packet written, 1 dropped (reason on stderr), 2 usage or I/O error\n";

    private static final int DEFAULT_MTU = 1500;

    private XlatMain() {
    }

    /**
     * Runs the command and exits with its status.
     *
     * @param args command line
     */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /**
     * Runs the command in-process.
     *
     * @param args command line
     * @param out  where the one-line summary goes
     * @param err  where errors and the drop reason go
     * @return exit status ({@link #OK}, {@link #DROPPED} or {@link #USAGE})
     */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        String pool6 = null;
        List<String> eams = new ArrayList<>();
        int ipv4Mtu = DEFAULT_MTU;
        int ipv6Mtu = DEFAULT_MTU;
        List<String> files = new ArrayList<>();
        try {
            for (int i = 0; i < args.length; i++) {
                String a = args[i];
                switch (a) {
                    case "--pool6":
                        pool6 = value(args, ++i, a);
                        break;
                    case "--eam":
                        eams.add(value(args, ++i, a));
                        break;
                    case "--ipv4-mtu":
                        ipv4Mtu = number(value(args, ++i, a), a);
                        break;
                    case "--ipv6-mtu":
                        ipv6Mtu = number(value(args, ++i, a), a);
                        break;
                    case "-h":
                    case "--help":
                        out.print(USAGE_TEXT);
                        return OK;
                    default:
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option " + a);
                        }
                        files.add(a);
                }
            }
            if (files.size() != 2) {
                throw new IllegalArgumentException("expected IN and OUT files, got " + files.size() + " file names");
            }
            if (pool6 == null && eams.isEmpty()) {
                pool6 = DEFAULT_POOL6;
            }
            Pool6Mapper mapper = Pool6Mapper.of(pool6, eams);
            Translator translator = new Translator(ipv4Mtu, ipv6Mtu);
            return translate(translator, mapper, Paths.get(files.get(0)), Paths.get(files.get(1)), out, err);
        } catch (IllegalArgumentException e) {
            err.println("xlat: " + e.getMessage());
            err.print(USAGE_TEXT);
            return USAGE;
        }
    }

    private static int translate(Translator translator, Pool6Mapper mapper, Path in, Path outFile, PrintStream out,
                                 PrintStream err) {
        byte[] packet;
        try {
            packet = Files.readAllBytes(in);
        } catch (IOException e) {
            err.println("xlat: cannot read " + in + ": " + e);
            return USAGE;
        }
        int version = packet.length == 0 ? 0 : (packet[0] & 0xff) >>> 4;
        XlatResult r = new XlatResult();
        if (version == 4) {
            translator.translate4to6(packet, 0, packet.length, mapper, 0, r);
        } else if (version == 6) {
            translator.translate6to4(packet, 0, packet.length, mapper, 0, r);
        } else {
            err.println("xlat: dropped: malformed (" + (packet.length == 0 ? "empty file" : "IP version " + version)
                                + ")");
            return DROPPED;
        }
        List<byte[]> fragments = null;
        if (version == 4 && r.kind() == XlatResult.Kind.DROPPED && r.reason() == DropReason.PACKET_TOO_BIG) {
            fragments = fragmentAndTranslate(translator, mapper, packet, err);
            if (fragments == null) {
                return DROPPED;
            }
        }
        if (fragments == null && r.kind() == XlatResult.Kind.DROPPED) {
            err.println("xlat: dropped: " + r.reason());
            return DROPPED;
        }
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        if (fragments == null) {
            all.write(r.packet(), r.ipOffset(), r.ipLength());
        } else {
            for (byte[] f : fragments) {
                all.write(f, 0, f.length);
            }
        }
        try {
            Files.write(outFile, all.toByteArray());
        } catch (IOException e) {
            err.println("xlat: cannot write " + outFile + ": " + e);
            return USAGE;
        }
        String family = version == 4 ? "IPv4" : "IPv6";
        String other = version == 4 ? "IPv6" : "IPv4";
        if (fragments != null) {
            for (byte[] f : fragments) {
                out.println("translated " + family + " -> " + other + " fragment, " + f.length + " bytes, offset "
                                    + Ip6Ext.fragmentOffset(f, Ip6.HEADER_LEN) * 8
                                    + (Ip6Ext.moreFragments(f, Ip6.HEADER_LEN) ? ", more" : ", last"));
            }
        } else if (r.kind() == XlatResult.Kind.TRANSLATED) {
            out.println("translated " + family + " -> " + other + ", " + r.ipLength() + " bytes, protocol "
                                + r.protocol());
        } else {
            out.println("icmp-error back to the " + family + " sender (" + r.reason() + "), " + r.ipLength()
                                + " bytes");
        }
        return OK;
    }

    /**
     * RFC 7915 section 4.1: a too-big IPv4 packet without DF is fragmented so that each
     * translated fragment fits the IPv6 MTU (40 + 8 + data), then each fragment is
     * translated on its own. Returns null (reason printed) if that is not possible.
     */
    private static List<byte[]> fragmentAndTranslate(Translator translator, Pool6Mapper mapper, byte[] packet,
                                                     PrintStream err) {
        if (packet.length < Ip4.MIN_HEADER_LEN || Ip4.dontFragment(packet, 0)) {
            err.println("xlat: dropped: " + DropReason.PACKET_TOO_BIG);
            return null;
        }
        byte[] plain = withoutOptions(packet);
        List<byte[]> pieces = Ip4Split.split(plain, 0, 0,
                                             translator.ipv6Mtu() - Ip6.HEADER_LEN - Ip6Ext.FRAG_HEADER_LEN);
        if (pieces.isEmpty()) {
            err.println("xlat: dropped: " + DropReason.PACKET_TOO_BIG);
            return null;
        }
        List<byte[]> outs = new ArrayList<>();
        XlatResult r = new XlatResult();
        for (byte[] piece : pieces) {
            translator.translate4to6(piece, 0, piece.length, mapper, 0, r);
            if (r.kind() != XlatResult.Kind.TRANSLATED) {
                err.println("xlat: dropped: " + r.reason() + " (a fragment)");
                return null;
            }
            outs.add(Arrays.copyOfRange(r.packet(), r.ipOffset(), r.ipOffset() + r.ipLength()));
        }
        return outs;
    }

    /** The packet with its IPv4 options left out (RFC 7915 4.1 does not translate them). */
    private static byte[] withoutOptions(byte[] p) {
        int ihl = Ip4.ihl(p, 0);
        int total = Ip4.totalLength(p, 0);
        if (ihl <= Ip4.MIN_HEADER_LEN || total > p.length || total < ihl) {
            return p;
        }
        byte[] c = new byte[total - ihl + Ip4.MIN_HEADER_LEN];
        System.arraycopy(p, 0, c, 0, Ip4.MIN_HEADER_LEN);
        System.arraycopy(p, ihl, c, Ip4.MIN_HEADER_LEN, total - ihl);
        Ip4.setVersionIhl(c, 0, Ip4.MIN_HEADER_LEN);
        Ip4.setTotalLength(c, 0, c.length);
        Ip4.updateHeaderChecksum(c, 0);
        return c;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[i];
    }

    private static int number(String v, String option) {
        try {
            return Integer.parseInt(v);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(option + ": not a number: '" + v + "'", e);
        }
    }
}
