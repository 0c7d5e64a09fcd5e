package dev.anshin.scoring.features;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The ordered names of the features a {@link FeatureEngine} computes; models are trained on them. */
public record FeatureSchema(List<String> names) {

    public FeatureSchema {
        names = List.copyOf(names);
    }

    public int size() {
        return names.size();
    }

    public int indexOf(String name) {
        return names.indexOf(name);
    }

    public Map<String, Integer> indexByName() {
        return names.stream().collect(Collectors.toMap(Function.identity(), names::indexOf));
    }
}
