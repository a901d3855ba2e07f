package dev.ctrl.service;

import dev.ctrl.config.Collected;
import dev.ctrl.config.Location;
import dev.ctrl.json.JsonText;
import dev.ctrl.model.ResourceSpec;
import java.util.LinkedHashMap;
import java.util.Map;
import dev.ctrl.config.ConfigLoader;
import dev.ctrl.config.LoadedDocument;
import dev.ctrl.model.ObjectType;
import dev.ctrl.store.StoreReader;
import dev.ctrl.store.StoredObject;
import java.util.ArrayList;
import java.util.List;

/** The declared objects of the state, bound again from their stored documents. */
final class StateDocuments {
  private StateDocuments() {}

  @SuppressWarnings("unchecked")
  private static ResourceSpec resource(String specJson) {
    Map<String, Object> doc = JsonText.parseObject(specJson);
    Map<String, String> metadata = new LinkedHashMap<>();
    if (doc.get("metadata") instanceof Map<?, ?> m) {
      m.forEach((k, v) -> metadata.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    }
    Map<String, Object> config = doc.get("config") instanceof Map<?, ?> c ? (Map<String, Object>) c : Map.of();
    return new ResourceSpec(String.valueOf(doc.get("identifier")), String.valueOf(doc.get("name")),
        String.valueOf(doc.get("kind")), String.valueOf(doc.get("version")), metadata, config);
  }

  static List<LoadedDocument> load(StoreReader reader) {
    return bindAll(fetch(reader));
  }

  /** Every stored object, in type order: the reading part of {@link #load}. */
  static List<StoredObject> fetch(StoreReader reader) {
    List<StoredObject> stored = new ArrayList<>();
    for (ObjectType t : ObjectType.values()) {
      stored.addAll(reader.objects(t));
    }
    return stored;
  }

  /** The binding part of {@link #load}: pure, so it may run beside further reads. */
  static List<LoadedDocument> bindAll(List<StoredObject> stored) {
    List<LoadedDocument> docs = new ArrayList<>(stored.size());
    for (StoredObject o : stored) {
      docs.add(bind(o));
    }
    return docs;
  }

  /** One stored object as a bound document (with its references, for the checks that need them). */
  static LoadedDocument bind(StoredObject o) {
    if (o.type() == ObjectType.RESOURCE) {
      // resources are the many and refer to nothing: read their stored JSON directly instead of
      // re-binding it as YAML
      return new LoadedDocument(resource(o.specJson()), new Location("<state>", 1, 1), o.specJson(), List.of(),
          List.of());
    }
    Collected into = new Collected();
    String where = o.source() == null ? "<state>" : o.source();
    ConfigLoader.parse(where, o.specJson(), into);
    if (!into.errors().isEmpty() || into.documents().size() != 1) {
      throw new IllegalStateException("stored " + o.type().singular() + " \"" + o.id() + "\" no longer binds: "
          + into.errors());
    }
    return into.documents().get(0);
  }

}
