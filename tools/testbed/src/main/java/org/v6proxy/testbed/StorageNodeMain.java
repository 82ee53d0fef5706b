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
package org.v6proxy.testbed;

import org.onosproject.net.DeviceId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.v6proxy.cluster.StorageNode;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The testbed jar run as an Atomix storage node ({@code --storage-node ID}): a Raft member of
 * the storage nodes of {@code --storage}, no switch and no app, until SIGTERM. Its ready file is
 * written once its partitions have a quorum; its role file is rewritten every 100 ms with its
 * Raft role in each partition and the partition of the device's election, so that
 * tools/demo/kill-storage can find the leader that matters.
 */
final class StorageNodeMain {
    private static final long STATUS_PERIOD_MILLIS = 100;

    private StorageNodeMain() {
    }

    /**
     * Runs the storage node of the options until the process is stopped; exits 1 when it
     * cannot join.
     *
     * @param options parsed options with {@link TestbedOptions#storageNode()} set
     * @param commandLine for the log
     */
    static void run(TestbedOptions options, String commandLine) {
        Logger log = LoggerFactory.getLogger(StorageNodeMain.class);
        log.info("storage node pid {} starting: {}", ProcessHandle.current().pid(), commandLine);
        String id = options.storageNode();
        List<DeviceId> devices = List.of(options.deviceId() == null ? TestbedConfig.DEFAULT_DEVICE
                                                 : options.deviceId());
        StorageNode node;
        try {
            Path data = options.clusterData();
            if (data == null) {
                data = Files.createTempDirectory("v6p-storage-" + id);
                data.toFile().deleteOnExit();
            } else {
                Files.createDirectories(data);
            }
            node = StorageNode.start(id, options.storageNodes(), data.toFile());
        } catch (IOException | RuntimeException e) {
            log.error("storage node {} failed to start: {}", id, e.getMessage(), e);
            System.err.println("storage node: " + e.getMessage());
            System.exit(1);
            return;
        }
        ScheduledExecutorService status = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "v6p-storage-status");
            t.setDaemon(true);
            return t;
        });
        Path roleFile = options.roleFile();
        if (roleFile != null) {
            status.scheduleWithFixedDelay(() -> {
                try {
                    node.writeStatus(roleFile, devices);
                } catch (IOException | RuntimeException e) {
                    log.warn("writing {} failed: {}", roleFile, e.toString());
                }
            }, 0, STATUS_PERIOD_MILLIS, TimeUnit.MILLISECONDS);
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            log.info("signal: stopping storage node {}", id);
            status.shutdownNow();
            node.close();
            stopped.countDown();
        }, "v6p-storage-shutdown"));
        try {
            if (options.ready() != null) {
                Path tmp = options.ready().resolveSibling(options.ready().getFileName() + ".tmp");
                Files.write(tmp, ("pid=" + ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII));
                Files.move(tmp, options.ready(), StandardCopyOption.REPLACE_EXISTING,
                           StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            log.error("storage node {}: ready file not written: {}", id, e.toString());
            System.exit(1);
        }
        log.info("storage node {} ready: Raft member of {}", id, options.storageNodes());
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
