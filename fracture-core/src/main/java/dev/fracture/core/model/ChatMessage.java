package dev.fracture.core.model;

import org.apiguardian.api.API;

/** One chat message: role ({@code system}, {@code user} or {@code assistant}) and content. */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public record ChatMessage(String role, String content) {

    public ChatMessage {
        if (role == null || role.isBlank()) {
            throw new IllegalArgumentException("chat message role must not be blank");
        }
        content = content == null ? "" : content;
    }

    public static ChatMessage system(String content) {
        return new ChatMessage("system", content);
    }

    public static ChatMessage user(String content) {
        return new ChatMessage("user", content);
    }
}
