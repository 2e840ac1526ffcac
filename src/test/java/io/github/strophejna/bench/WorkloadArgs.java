package io.github.strophejna.bench;

import java.util.Arrays;

/**
 * The command line shared by the server workloads' programs (C, this library, Smack):
 * {@code flood|ping|connect N [SIZE] HOST PORT CAFILE JID PEER_JID}, passwords from XMPP_PASSWORD and
 * XMPP_PEER_PASSWORD; and their one way of reporting percentiles.
 */
public record WorkloadArgs(String workload, long count, int size, String host, int port, String caFile, String jid,
        String peerJid, String password, String peerPassword) {

    /**
     * @param args the command line
     * @return the parsed arguments
     */
    public static WorkloadArgs parse(String[] args) {
        boolean flood = args.length > 0 && args[0].equals("flood");
        if (args.length != (flood ? 8 : 7) || System.getenv("XMPP_PASSWORD") == null
                || System.getenv("XMPP_PEER_PASSWORD") == null) {
            throw new IllegalArgumentException("usage: XMPP_PASSWORD=... XMPP_PEER_PASSWORD=... "
                    + "flood|ping|connect N [SIZE] HOST PORT CAFILE JID PEER_JID");
        }
        int i = flood ? 3 : 2;
        return new WorkloadArgs(args[0], Long.parseLong(args[1]), flood ? Integer.parseInt(args[2]) : 0, args[i],
                Integer.parseInt(args[i + 1]), args[i + 2], args[i + 3], args[i + 4], System.getenv("XMPP_PASSWORD"),
                System.getenv("XMPP_PEER_PASSWORD"));
    }

    /**
     * Prints NAME_p50_ms and NAME_p99_ms, leaving out the first tenth (warm-up), as the C program does.
     *
     * @param name the figure's name
     * @param values the samples in milliseconds, in the order taken
     */
    public static void printPercentiles(String name, double[] values) {
        double[] kept = Arrays.copyOfRange(values, values.length / 10, values.length);
        Arrays.sort(kept);
        System.out.printf("%s_p50_ms %.3f%n%s_p99_ms %.3f%n", name, kept[kept.length / 2], name, kept[(int) (kept.length * 0.99)]);
    }
}
