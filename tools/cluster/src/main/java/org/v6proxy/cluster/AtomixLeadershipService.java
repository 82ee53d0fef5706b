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
package org.v6proxy.cluster;

import io.atomix.core.Atomix;
import io.atomix.core.election.AsyncLeaderElection;
import org.onosproject.cluster.Leader;
import org.onosproject.cluster.Leadership;
import org.onosproject.cluster.LeadershipEvent;
import org.onosproject.cluster.LeadershipEventListener;
import org.onosproject.cluster.LeadershipService;
import org.onosproject.cluster.NodeId;
import org.onosproject.event.ListenerRegistry;
import org.onosproject.store.serializers.KryoNamespaces;
import org.onosproject.store.service.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * ONOS's LeadershipService from Atomix leader elections, one Atomix LeaderElection per topic
 * (so one per device for mastership). Every topic this instance runs for or asks about is
 * followed: its leadership is mirrored locally from the election's events, so reads are local,
 * and each change is posted as a LeadershipEvent, in order, on one event thread.
 *
 * <p>A candidate whose process dies stays in the election until its Raft session expires
 * ({@link ClusterMember#SESSION_TIMEOUT}); then the next candidate becomes leader. A live
 * instance can lose its session too (starved of CPU for longer than the timeout): Atomix then
 * drops it from the election (and its listener), so this service also reads every followed
 * election once per session timeout, and runs again, at the back of the candidate list, for
 * every topic it has not withdrawn from.
 */
public final class AtomixLeadershipService implements LeadershipService {
    private static final long CALL_TIMEOUT_MILLIS = AtomixStorageService.OPERATION_TIMEOUT_MILLIS;
    private static final String PRIMITIVE_PREFIX = "v6proxy-leadership-";

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final Atomix atomix;
    private final NodeId local;
    private final Map<String, AsyncLeaderElection<NodeId>> elections = new ConcurrentHashMap<>();
    private final Map<String, Leadership> leaderships = new ConcurrentHashMap<>();
    /** Topics this instance runs for until it withdraws. */
    private final Set<String> running = ConcurrentHashMap.newKeySet();
    private final ListenerRegistry<LeadershipEvent, LeadershipEventListener> listeners = new ListenerRegistry<>();
    private final ExecutorService events = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "v6p-cluster-leadership");
        t.setDaemon(true);
        return t;
    });
    private final io.atomix.utils.serializer.Serializer serializer;
    private final ScheduledExecutorService reconciler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "v6p-cluster-reconcile");
        t.setDaemon(true);
        return t;
    });

    /**
     * Creates the service on a running member.
     *
     * @param member the local member
     */
    public AtomixLeadershipService(ClusterMember member) {
        this.atomix = checkNotNull(member, "member").atomix();
        this.local = member.nodeId();
        Serializer onos = Serializer.using(KryoNamespaces.API);
        this.serializer = new io.atomix.utils.serializer.Serializer() {
            @Override
            public <T> byte[] encode(T object) {
                return onos.encode(object);
            }

            @Override
            public <T> T decode(byte[] bytes) {
                return onos.decode(bytes);
            }
        };
        long period = ClusterMember.SESSION_TIMEOUT.toMillis();
        reconciler.scheduleWithFixedDelay(this::reconcile, period, period, TimeUnit.MILLISECONDS);
    }

    /**
     * Reads every followed election once. An instance whose session expired loses both its
     * candidacy and its event listener with it, and learns of neither from events: this read
     * brings its mirror back in line and lets it run again.
     */
    private void reconcile() {
        for (Map.Entry<String, AsyncLeaderElection<NodeId>> e : elections.entrySet()) {
            try {
                changed(e.getKey(), leadership(e.getKey(), e.getValue().getLeadership()
                        .get(CALL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)));
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException | RuntimeException ex) {
                // Unavailable now (no quorum, session being recovered): the next round tries again.
                log.debug("reading election {} failed: {}", e.getKey(), ex.toString());
            }
        }
    }

    /**
     * Returns the name of the Atomix primitive that holds a topic's election.
     *
     * @param topic leadership topic
     * @return primitive name
     */
    static String primitiveName(String topic) {
        return PRIMITIVE_PREFIX + topic;
    }

    /**
     * Returns the local node id.
     *
     * @return node id
     */
    public NodeId localNodeId() {
        return local;
    }

    private static <T> T await(CompletableFuture<T> f, String what) {
        try {
            return f.get(CALL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted: " + what, e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException(what + " did not answer within " + CALL_TIMEOUT_MILLIS + " ms", e);
        }
    }

    /** Opens (once) the election of a topic, follows its events and mirrors its current leadership. */
    private AsyncLeaderElection<NodeId> election(String topic) {
        checkNotNull(topic, "topic");
        AsyncLeaderElection<NodeId> e = elections.get(topic);
        if (e != null) {
            return e;
        }
        synchronized (elections) {
            e = elections.get(topic);
            if (e != null) {
                return e;
            }
            e = atomix.<NodeId>leaderElectionBuilder(primitiveName(topic))
                    .withProtocol(ClusterMember.electionProtocol())
                    .withSerializer(serializer)
                    .build().async();
            io.atomix.core.election.LeadershipEventListener<NodeId> l =
                    ev -> changed(topic, leadership(topic, ev.newLeadership()));
            await(e.addListener(l), "listening to election " + topic);
            elections.put(topic, e);
            Leadership now = leadership(topic, await(e.getLeadership(), "reading election " + topic));
            changed(topic, now);
            return e;
        }
    }

    private static Leadership leadership(String topic, io.atomix.core.election.Leadership<NodeId> l) {
        if (l == null) {
            return new Leadership(topic, null, List.of());
        }
        io.atomix.core.election.Leader<NodeId> leader = l.leader();
        return new Leadership(topic, leader == null ? null : new Leader(leader.id(), leader.term(), leader.timestamp()),
                              l.candidates());
    }

    /** Mirrors a leadership and posts what changed; in event order on the event thread. */
    private void changed(String topic, Leadership now) {
        events.execute(() -> {
            Leadership old = leaderships.get(topic);
            if (old != null && old.leader() != null && now.leader() != null
                    && now.leader().term() < old.leader().term()) {
                return;
            }
            leaderships.put(topic, now);
            LeadershipEvent.Type type = type(old, now);
            if (type != null) {
                log.debug("{}: {} -> {}", topic, old, now);
                listeners.process(new LeadershipEvent(type, now));
            }
            if (running.contains(topic) && !now.candidates().contains(local)) {
                rejoin(topic);
            }
        });
    }

    /** Runs again after Atomix dropped this live instance (its session expired). */
    private void rejoin(String topic) {
        log.warn("{} lost its candidacy for {} (session expired); running again", local, topic);
        elections.get(topic).run(local).whenComplete((l, e) -> {
            if (e != null) {
                log.warn("running again for {} failed: {}", topic, e.toString());
            } else if (running.contains(topic)) {
                changed(topic, leadership(topic, l));
            }
        });
    }

    private static LeadershipEvent.Type type(Leadership old, Leadership now) {
        NodeId oldLeader = old == null ? null : old.leaderNodeId();
        List<NodeId> oldCandidates = old == null ? List.of() : old.candidates();
        boolean leader = !Objects.equals(oldLeader, now.leaderNodeId())
                || old != null && old.leader() != null && now.leader() != null
                && old.leader().term() != now.leader().term();
        boolean candidates = !oldCandidates.equals(now.candidates());
        if (leader && candidates) {
            return LeadershipEvent.Type.LEADER_AND_CANDIDATES_CHANGED;
        }
        if (leader) {
            return LeadershipEvent.Type.LEADER_CHANGED;
        }
        return candidates ? LeadershipEvent.Type.CANDIDATES_CHANGED : null;
    }

    /**
     * Starts following a topic without running for it.
     *
     * @param topic topic
     * @return its leadership now
     */
    public Leadership watch(String topic) {
        election(topic);
        return getLeadership(topic);
    }

    /**
     * Waits until every leadership change seen so far has been posted to the listeners.
     *
     * @param timeoutMillis how long to wait
     * @return true when drained in time
     */
    public boolean awaitIdle(long timeoutMillis) {
        try {
            events.submit(() -> { }).get(timeoutMillis, TimeUnit.MILLISECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }

    @Override
    public Leadership getLeadership(String topic) {
        election(topic);
        // The mirror is filled on the event thread: wait for the first reading to land.
        awaitIdle(CALL_TIMEOUT_MILLIS);
        return leaderships.get(topic);
    }

    @Override
    public Set<String> ownedTopics(NodeId nodeId) {
        return leaderships.values().stream().filter(l -> Objects.equals(nodeId, l.leaderNodeId()))
                .map(Leadership::topic).collect(Collectors.toSet());
    }

    @Override
    public Leadership runForLeadership(String topic) {
        Leadership l = leadership(topic, await(election(topic).run(local), "running for " + topic));
        // Only now: events of other candidates' runs, older than ours, do not list us yet.
        running.add(topic);
        changed(topic, l);
        return l;
    }

    @Override
    public void withdraw(String topic) {
        running.remove(topic);
        await(election(topic).withdraw(local), "withdrawing from " + topic);
    }

    @Override
    public void addListener(LeadershipEventListener listener) {
        listeners.addListener(listener);
    }

    @Override
    public void removeListener(LeadershipEventListener listener) {
        listeners.removeListener(listener);
    }

    /**
     * Closes the elections' sessions (this instance leaves them as if withdrawn) and the event thread.
     */
    public void close() {
        reconciler.shutdownNow();
        for (AsyncLeaderElection<NodeId> e : elections.values()) {
            try {
                e.close().get(CALL_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | TimeoutException ex) {
                log.warn("election {} not closed: {}", e.name(), ex.toString());
            }
        }
        events.shutdown();
    }
}
