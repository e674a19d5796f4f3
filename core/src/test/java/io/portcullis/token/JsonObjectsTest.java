package io.portcullis.token;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class JsonObjectsTest {

    static Map<String, Object> read(String json) throws IOException {
        byte[] utf8 = json.getBytes(StandardCharsets.UTF_8);
        return JsonObjects.read(utf8, 0, utf8.length);
    }

    @Test
    void readsEveryJsonTypeIntoItsDocumentedJavaType() throws Exception {
        Map<String, Object> object = read("{\"s\":\"x\\u00e9\\n\",\"i\":1700000000,\"f\":1.5,"
                + "\"big\":123456789012345678901234567890,\"t\":true,\"no\":false,\"n\":null,"
                + "\"a\":[1,\"two\",[]],\"o\":{\"roles\":[\"admin\"]}}");

        assertThat(object.get("s")).isEqualTo("xé\n");
        assertThat(object.get("i")).isEqualTo(1700000000L);
        assertThat(object.get("f")).isEqualTo(1.5d);
        assertThat(object.get("big")).isEqualTo(1.2345678901234568E29d);
        assertThat(object.get("t")).isEqualTo(Boolean.TRUE);
        assertThat(object.get("no")).isEqualTo(Boolean.FALSE);
        assertThat(object).containsEntry("n", null);
        assertThat(object.get("a")).isEqualTo(List.of(1L, "two", List.of()));
        assertThat(object.get("o")).isEqualTo(Map.of("roles", List.of("admin")));
        assertThat(object.keySet()).containsExactly("s", "i", "f", "big", "t", "no", "n", "a",
                "o");
    }

    @Test
    void everyLevelIsImmutable() throws Exception {
        Map<String, Object> object = read("{\"o\":{\"roles\":[\"admin\"]}}");
        @SuppressWarnings("unchecked")
        Map<String, Object> inner = (Map<String, Object>) object.get("o");
        @SuppressWarnings("unchecked")
        List<Object> roles = (List<Object>) inner.get("roles");

        assertThatThrownBy(() -> object.put("x", 1)).isInstanceOf(
                UnsupportedOperationException.class);
        assertThatThrownBy(() -> inner.put("x", 1)).isInstanceOf(
                UnsupportedOperationException.class);
        assertThatThrownBy(() -> roles.add("root")).isInstanceOf(
                UnsupportedOperationException.class);
    }

    @Test
    void readsOnlyTheGivenRange() throws Exception {
        byte[] utf8 = "xx{\"a\":1}yy".getBytes(StandardCharsets.UTF_8);

        assertThat(JsonObjects.read(utf8, 2, 7)).isEqualTo(Map.of("a", 1L));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"exp\":1,\"exp\":9999999999}", // a duplicate name, read differently by other parsers
        "{\"a\":{\"b\":1,\"b\":2}}",
        "{\"a\":1} {\"b\":2}", // content after the object
        "{\"a\":1}x",
        "[{\"a\":1}]", // not an object
        "\"text\"",
        "null",
        "",
        "{\"a\":1", // unterminated
        "{\"a\":[1,2}",
        "{\"a\":}",
        "{a:1}", // unquoted name
        "{'a':1}",
        "{\"a\":1,}", // trailing comma
        "{\"a\":01}", // leading zero
        "{\"a\":NaN}",
        "{\"a\":1}// comment",
        "{/* comment */\"a\":1}",
        "{\"a\":\"unterminated}",
        "{\"a\":\"\u0001\"}" // a raw control character
    })
    void refusesWhatIsNotExactlyOneStrictJsonObject(String json) {
        assertThatThrownBy(() -> read(json)).isInstanceOf(IOException.class);
    }

    @Test
    void readsMultiByteUtf8() throws Exception {
        assertThat(read("{\"name\":\"Zoë 🦊\"}")).containsEntry("name", "Zoë 🦊");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "EFBBBF7B7D", // a byte order mark before {}
        "007B007D", // UTF-16BE {}
        "7B007D00", // UTF-16LE {}
        "FEFF007B007D", // UTF-16 with its byte order mark
        "0000007B0000007D", // UTF-32BE {}
        "7B000000", // UTF-32LE {
        "7B22612200", // a NUL byte
        "7B2261223A2275C0AF227D", // {"a":"u/"} with / as the overlong C0 AF
        "7B2261223A2275E080AF227D", // the same with the overlong E0 80 AF
        "7B2261223A2275F4908080227D", // F4 90 80 80 is past U+10FFFF
        "7B2261223A22EDA080227D" // an encoded surrogate (CESU-8)
    })
    void refusesEverythingButStrictUtf8(String hex) {
        byte[] bytes = java.util.HexFormat.of().parseHex(hex);

        assertThatThrownBy(() -> JsonObjects.read(bytes, 0, bytes.length))
                .isInstanceOf(IOException.class);
    }

    @Test
    void refusesInvalidUtf8() {
        byte[] utf8 = {'{', '"', 'a', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};

        assertThatThrownBy(() -> JsonObjects.read(utf8, 0, utf8.length))
                .isInstanceOf(IOException.class);
    }

    @Test
    void refusesNestingDeeperThanTheLimit() throws Exception {
        String deepest = "{\"a\":".repeat(JsonObjects.MAX_DEPTH - 1) + "[1]"
                + "}".repeat(JsonObjects.MAX_DEPTH - 1);
        String tooDeep = "{\"a\":".repeat(JsonObjects.MAX_DEPTH) + "[1]"
                + "}".repeat(JsonObjects.MAX_DEPTH);
        String hostile = "{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}";

        assertThat(read(deepest)).containsKey("a");
        assertThatThrownBy(() -> read(tooDeep)).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> read(hostile)).isInstanceOf(IOException.class);
    }
}
