package dev.fracture.core.model;

import dev.fracture.core.model.internal.OpenAiWire;
import dev.fracture.core.model.internal.Secrets;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import okhttp3.HttpUrl;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.ResponseBody;
import org.apiguardian.api.API;

/**
 * A {@link ChatClient} for OpenAI-compatible {@code POST {baseUrl}/chat/completions} endpoints (vLLM,
 * TGI, llama.cpp server, Ollama's {@code /v1}, LM Studio, OpenAI): the {@link HttpChatClient} resilience layer
 * over {@link ProviderWire#openAi()}, plus a {@link #preflight()} that reads the server's {@code /models} list.
 *
 * <p>Content is read as the answer when it is text, or text parts joined; {@code refusal} is the answer when
 * content is null; {@code reasoning_content} never is. {@code finish_reason} is recorded with every
 * completion; filtered, empty and no-text-before-the-limit answers fail the call with
 * {@link UnreadableAnswerException}. The API key goes only in the {@code Authorization} header.
 */
@API(status = API.Status.EXPERIMENTAL, since = "0.2")
public final class OpenAiChatClient extends HttpChatClient {

    private OpenAiChatClient(OpenAiClientOptions options) {
        super(options, ProviderWire.openAi());
    }

    /** Creates a client; fails fast when the configured API key variable is unset. */
    public static OpenAiChatClient create(OpenAiClientOptions options) {
        return new OpenAiChatClient(options);
    }

    /**
     * Checks the endpoint before a pool is spent: {@code GET {baseUrl}/models} (reachable, key accepted, model
     * served), or where a server has no such route, one chat completion of one token. Blocks for at most the
     * read timeout; no retries, so an unreachable endpoint fails in seconds.
     *
     * @return what the server says of the model, e.g. the weights it was loaded from
     * @throws ModelCallException naming the endpoint, the status and the fix
     */
    public ServerModel preflight() {
        HttpUrl models = options().baseUrl().newBuilder().addPathSegments("models").build();
        Request.Builder request = new Request.Builder().url(models).header("Accept", "application/json").get();
        if (apiKey() != null) {
            request.header("Authorization", "Bearer " + apiKey());
        }
        String where = "GET " + options().displayUrl() + "/models";
        try (Response response = http().newCall(request.build()).execute(); ResponseBody rb = response.body()) {
            String body = OpenAiWire.readCapped(rb, OpenAiWire.PREFLIGHT_BODY_LIMIT);
            int code = response.code();
            if (code == 404 || code == 405) {
                return preflightByCompletion();
            }
            if (code == 401 || code == 403) {
                throw preflightFailure(where, "HTTP " + code + ": the key was refused; body: "
                        + OpenAiWire.excerpt(body, apiKey()), code);
            }
            if (code < 200 || code >= 300) {
                throw preflightFailure(where, "HTTP " + code + "; body: " + OpenAiWire.excerpt(body, apiKey()), code);
            }
            ServerModel model = OpenAiWire.findModel(body, options().model()).orElseThrow(() -> preflightFailure(where,
                    "the server does not serve a model named '" + options().model() + "'; it serves "
                            + OpenAiWire.modelIds(body) + " (set fracture.model.name to one of them)", code));
            return model;
        } catch (IOException e) {
            throw preflightFailure(where, describe(e) + "; is the server running, and is the base URL right?", -1);
        }
    }

    private ServerModel preflightByCompletion() {
        try {
            complete(new ChatRequest(options().model(), List.of(ChatMessage.user("Say OK.")), 0.0, 1.0, 1, 0L, 1))
                    .get(options().readTimeout().toMillis() + options().connectTimeout().toMillis(), TimeUnit.MILLISECONDS);
            return new ServerModel(options().model(), Optional.empty());
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof UnreadableAnswerException) {
                // One token may well be no text (a reasoning model); the server answered, which is what is checked.
                return new ServerModel(options().model(), Optional.empty());
            }
            throw cause instanceof ModelCallException m ? m
                    : preflightFailure("POST " + options().displayUrl() + "/chat/completions", String.valueOf(cause), -1);
        } catch (java.util.concurrent.TimeoutException e) {
            throw preflightFailure("POST " + options().displayUrl() + "/chat/completions", "no answer within "
                    + options().readTimeout().toSeconds() + " s", -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw preflightFailure("POST " + options().displayUrl() + "/chat/completions", "interrupted", -1);
        }
    }

    private ModelCallException preflightFailure(String where, String what, int status) {
        String message = "preflight " + where + " (model " + options().model() + ") failed: " + what;
        return new ModelCallException(Secrets.maskUrls(Secrets.mask(message, apiKey())), status, null);
    }

    /**
     * What a server says of a model in its {@code /models} list.
     *
     * @param id the model's id
     * @param weights what identifies the loaded weights, where the server says (vLLM's {@code root}, the path or
     *                repository the weights came from, when it differs from the id)
     */
    public record ServerModel(String id, Optional<String> weights) {
    }

}
