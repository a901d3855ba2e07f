package dev.ctrl.service;

import dev.ctrl.config.Collected;
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

  static List<LoadedDocument> load(StoreReader reader) {
    List<LoadedDocument> docs = new ArrayList<>();
    for (ObjectType t : ObjectType.values()) {
      for (StoredObject o : reader.objects(t)) {
        Collected into = new Collected();
        String where = o.source() == null ? "<state>" : o.source();
        ConfigLoader.parse(where, o.specJson(), into);
        if (!into.errors().isEmpty()) {
          throw new IllegalStateException("stored " + t.singular() + " \"" + o.id() + "\" no longer binds: " + into.errors());
        }
        docs.addAll(into.documents());
      }
    }
    return docs;
  }
}
