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

import org.projectfloodlight.openflow.protocol.OFErrorMsg;

/**
 * A request the switch refused with an OpenFlow error message.
 */
public final class OpenFlowErrorException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient OFErrorMsg error;

    /**
     * Creates the exception.
     *
     * @param error the switch's error message
     */
    public OpenFlowErrorException(OFErrorMsg error) {
        super("switch error " + error.getErrType() + ": " + error);
        this.error = error;
    }

    /**
     * Returns the error message.
     *
     * @return message
     */
    public OFErrorMsg error() {
        return error;
    }
}
