package org.backtriage.chat;

import java.util.Objects;

/** An inline button: the label a person sees and the data sent back when it is tapped. */
public record Button(String label, String data) {
    public Button {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(data, "data");
    }
}
