package io.switchboard.webhook;

import io.switchboard.schemas.Topic;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;

/**
 * One value serializer for a producer that writes several topics: each record is written with the value serde the
 * topic catalogue pairs with its topic, so a record can only go to a topic of its own type.
 */
final class CatalogueSerializer implements Serializer<SpecificRecord> {

    private final Map<String, Topic<?>> topics = new HashMap<>();
    private final Map<String, Serializer<SpecificRecord>> serializers = new HashMap<>();

    @SuppressWarnings("unchecked")
    CatalogueSerializer(Collection<Topic<?>> catalogue, String registryUrl) {
        for (Topic<?> topic : catalogue) {
            topics.put(topic.name(), topic);
            serializers.put(topic.name(), (Serializer<SpecificRecord>) topic.valueSerde(registryUrl).serializer());
        }
    }

    @Override
    public byte[] serialize(String topicName, SpecificRecord value) {
        Topic<?> topic = topics.get(topicName);
        if (topic == null) {
            throw new SerializationException("topic " + topicName + " is not written by this service");
        }
        if (value != null && !topic.valueType().isInstance(value)) {
            throw new SerializationException("a " + value.getClass().getSimpleName() + " cannot go to " + topicName
                    + ", which carries " + topic.valueType().getSimpleName());
        }
        return serializers.get(topicName).serialize(topicName, value);
    }
}
