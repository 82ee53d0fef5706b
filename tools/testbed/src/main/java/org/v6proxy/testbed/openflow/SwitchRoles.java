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
package org.v6proxy.testbed.openflow;

import org.onosproject.cluster.NodeId;
import org.onosproject.mastership.MastershipEvent;
import org.onosproject.mastership.MastershipInfo;
import org.onosproject.mastership.MastershipListener;
import org.onosproject.mastership.MastershipService;
import org.onosproject.net.DeviceId;
import org.projectfloodlight.openflow.protocol.OFControllerRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * The role of one cluster instance on the switch, following the device's mastership election
 * (what ONOS's device manager does with a MASTER_CHANGED event): the elected master claims
 * MASTER with the election's term as generation id (so the switch refuses a claim from an older
 * election, OpenFlow 1.3.5 section 6.3.7) and installs the forwarding rule and the intercepts;
 * every other instance claims SLAVE with the same term, and the switch sends it no packet-ins
 * and takes no flow mods or packet-outs from it. Claims run in order on one thread, each for
 * the mastership as it is when the claim runs, so a burst of events ends in the latest state.
 */
public final class SwitchRoles implements AutoCloseable {

    private final Logger log = LoggerFactory.getLogger(getClass());
    private final MastershipService mastership;
    private final NodeId local;
    private final DeviceId device;
    private final Path roleFile;
    private final MastershipListener listener = this::mastershipChanged;
    private final ExecutorService claims = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "v6p-of-role");
        t.setDaemon(true);
        return t;
    });
    private volatile OpenFlowSwitch sw;
    private volatile long changedNanos;

    /**
     * Creates the follower; it acts once {@link #attach attached} to the switch.
     *
     * @param mastership the cluster's mastership service
     * @param local this instance's node id
     * @param device the switch's device id
     * @param roleFile file to write the confirmed role to, or null
     */
    public SwitchRoles(MastershipService mastership, NodeId local, DeviceId device, Path roleFile) {
        this.mastership = checkNotNull(mastership, "mastership");
        this.local = checkNotNull(local, "local");
        this.device = checkNotNull(device, "device");
        this.roleFile = roleFile;
    }

    /**
     * Returns the role this instance should hold now, with the election's term as generation id.
     *
     * @return claim
     */
    public OpenFlowController.RoleClaim current() {
        MastershipInfo info = mastership.getMastershipFor(device);
        boolean master = info.master().map(local::equals).orElse(false);
        return new OpenFlowController.RoleClaim(master ? OFControllerRole.ROLE_MASTER : OFControllerRole.ROLE_SLAVE,
                                                info.term());
    }

    /**
     * Follows the election on this switch connection (whose handshake claimed {@link #current()}).
     *
     * @param connected the switch
     */
    public void attach(OpenFlowSwitch connected) {
        this.sw = checkNotNull(connected, "switch");
        mastership.addListener(listener);
        claims.execute(this::claim);
    }

    private void mastershipChanged(MastershipEvent event) {
        if (event.type() == MastershipEvent.Type.MASTER_CHANGED && device.equals(event.subject())) {
            changedNanos = System.nanoTime();
            log.info("{}: master is now {} (term {})", device, event.mastershipInfo().master().orElse(null),
                     event.mastershipInfo().term());
            claims.execute(this::claim);
        }
    }

    private void claim() {
        OpenFlowSwitch s = sw;
        OpenFlowController.RoleClaim want = current();
        try {
            s.claim(want.role(), want.generationId(), OpenFlowController.HANDSHAKE_STEP_MILLIS);
        } catch (IOException e) {
            log.error("{}: claiming {} failed: {}", device, want, e.getMessage());
            return;
        }
        long since = changedNanos;
        log.info("{}: holds {}{}", device, want, since == 0 ? ""
                : String.format(" (%d ms after the mastership event)",
                                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - since)));
        writeRole(want);
    }

    private void writeRole(OpenFlowController.RoleClaim claim) {
        if (roleFile == null) {
            return;
        }
        String text = (claim.role() == OFControllerRole.ROLE_MASTER ? "MASTER" : "SLAVE") + " "
                + claim.generationId() + "\n";
        try {
            Path tmp = roleFile.resolveSibling(roleFile.getFileName() + ".tmp");
            Files.write(tmp, text.getBytes(StandardCharsets.US_ASCII));
            Files.move(tmp, roleFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            log.warn("cannot write {}: {}", roleFile, e.getMessage());
        }
    }

    /**
     * Stops following the election.
     */
    @Override
    public void close() {
        if (sw != null) {
            mastership.removeListener(listener);
        }
        claims.shutdownNow();
        if (roleFile != null) {
            try {
                Files.deleteIfExists(roleFile);
            } catch (IOException e) {
                log.warn("cannot remove {}: {}", roleFile, e.getMessage());
            }
        }
    }
}
