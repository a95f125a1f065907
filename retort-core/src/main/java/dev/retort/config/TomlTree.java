package dev.retort.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlFactory;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Reads a TOML text into the same tree {@code new TomlMapper().readTree(text)} gives, straight from the
 * TOML parser's tokens. Building a {@code TomlMapper} (an ObjectMapper: type factory, serializer and
 * deserializer caches, a few hundred classes) costs 50-80 ms on a cold JVM, more than the rest of reading
 * the configuration; every command pays it, and none needs data binding for retort.toml.
 */
final class TomlTree {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private TomlTree() {
    }

    /** The document as an object node (empty for an empty document); Jackson's exceptions pass through. */
    static ObjectNode read(String text) throws com.fasterxml.jackson.core.JacksonException {
        try (JsonParser p = new TomlFactory().createParser(text)) {
            if (p.nextToken() == null) return NODES.objectNode();
            JsonNode node = value(p);
            return node instanceof ObjectNode o ? o : NODES.objectNode();
        } catch (com.fasterxml.jackson.core.JacksonException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a String source does no I/O
        }
    }

    // number nodes as ObjectMapper.readTree makes them (int/long/BigInteger; double or BigDecimal)
    private static JsonNode value(JsonParser p) throws IOException {
        JsonToken t = p.currentToken();
        switch (t) {
            case START_OBJECT -> {
                ObjectNode o = NODES.objectNode();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String key = p.currentName();
                    p.nextToken();
                    o.set(key, value(p));
                }
                return o;
            }
            case START_ARRAY -> {
                ArrayNode a = NODES.arrayNode();
                while (p.nextToken() != JsonToken.END_ARRAY) a.add(value(p));
                return a;
            }
            case VALUE_STRING -> {
                return NODES.textNode(p.getText());
            }
            case VALUE_NUMBER_INT -> {
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            }
            case VALUE_NUMBER_FLOAT -> {
                return p.getNumberType() == JsonParser.NumberType.BIG_DECIMAL
                        ? NODES.numberNode(p.getDecimalValue()) : NODES.numberNode(p.getDoubleValue());
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return NODES.booleanNode(t == JsonToken.VALUE_TRUE);
            }
            case VALUE_NULL -> {
                return NODES.nullNode();
            }
            default -> {
                return NODES.pojoNode(p.getEmbeddedObject());
            }
        }
    }
}
