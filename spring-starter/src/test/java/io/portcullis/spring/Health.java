package io.portcullis.spring;

import java.util.Map;
import org.springframework.boot.json.JsonParserFactory;

/** Reads a health document of the actuator. */
final class Health {

    private Health() {
    }

    static Map<String, Object> parse(Http.Reply reply) {
        return JsonParserFactory.getJsonParser().parseMap(reply.body());
    }

    static String status(Http.Reply reply) {
        return String.valueOf(parse(reply).get("status"));
    }

    /** Returns the one component of the {@code portcullis} health, by issuer. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> issuer(Http.Reply reply) {
        Map<String, Object> components = (Map<String, Object>) parse(reply).get("components");
        return (Map<String, Object>) components.values().iterator().next();
    }
}
