package io.portcullis.examples.demo;

import com.nimbusds.jose.util.JSONObjectUtils;
import io.portcullis.examples.ExampleService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** Sends each step to every service and reads back status and reason. */
final class Walk {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Generous: the first request of a service may wait for the issuer's keys. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

    private final List<ExampleService> services;
    private final Credentials credentials;
    private final HttpClient http = HttpClient.newBuilder()
            .proxy(HttpClient.Builder.NO_PROXY)
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();

    Walk(List<ExampleService> services, Credentials credentials) {
        this.services = List.copyOf(services);
        this.credentials = Objects.requireNonNull(credentials, "credentials");
    }

    /** Runs every step in order. */
    List<Row> run(List<Step> steps) {
        return steps.stream().map(this::run).toList();
    }

    /** Sends {@code step} to every service. */
    Row run(Step step) {
        Optional<String> authorization;
        try {
            authorization = step.authorization().header(credentials);
        } catch (Credentials.Unavailable e) {
            return Row.skipped(step, e.getMessage());
        } catch (RuntimeException e) {
            return Row.failed(step, e.getMessage());
        }
        Map<String, Answer> answers = new LinkedHashMap<>();
        for (ExampleService service : services) {
            answers.put(service.name(), send(service.baseUri(), step, authorization));
        }
        return Row.answered(step, answers);
    }

    private Answer send(URI base, Step step, Optional<String> authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + step.path()))
                .timeout(REQUEST_TIMEOUT)
                .method(step.method(), HttpRequest.BodyPublishers.noBody());
        authorization.ifPresent(value -> request.header("Authorization", value));
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return answer(response.statusCode(), response.body());
        } catch (IOException e) {
            return new Answer(0, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(0, "interrupted");
        }
    }

    /** Reads the {@code reason} member of a problem document (RFC 9457 extension member). */
    static Answer answer(int status, String body) {
        if (status / 100 == 2) {
            return new Answer(status, Answer.OK);
        }
        try {
            Object reason = JSONObjectUtils.parse(body).get("reason");
            return new Answer(status, reason instanceof String text ? text : "-");
        } catch (ParseException e) {
            return new Answer(status, "-");
        }
    }
}
