package io.milo.crm.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubernetes.client.informer.ResourceEventHandler;
import io.kubernetes.client.informer.SharedIndexInformer;
import io.kubernetes.client.informer.SharedInformerFactory;
import io.kubernetes.client.openapi.ApiClient;
import io.kubernetes.client.util.ClientBuilder;
import io.kubernetes.client.util.KubeConfig;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesApi;
import io.kubernetes.client.util.generic.dynamic.DynamicKubernetesObject;
import io.milo.crm.apiserver.rest.InFlightLimiter;
import java.io.StringReader;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The official Java client's SharedInformerFactory against the server: informers on people
 * (cluster-scoped) and contacts (namespaced) see every add, update and delete, and carry on after the
 * server restarts (same database, same port), ending with the same objects the server has.
 */
class InformerIT {
  private static final String PEOPLE = "/apis/crm.milo.io/v1alpha1/people";
  private static final String CONTACTS = "/apis/notification.milo.io/v1alpha1/namespaces/sales/contacts";

  /** Records what an informer's handler saw. */
  static final class Seen implements ResourceEventHandler<DynamicKubernetesObject> {
    final List<String> events = new CopyOnWriteArrayList<>();
    final Set<String> present = ConcurrentHashMap.newKeySet();

    @Override
    public void onAdd(DynamicKubernetesObject obj) {
      events.add("ADD " + obj.getMetadata().getName());
      present.add(obj.getMetadata().getName());
    }

    @Override
    public void onUpdate(DynamicKubernetesObject oldObj, DynamicKubernetesObject newObj) {
      if (!oldObj.getMetadata().getResourceVersion().equals(newObj.getMetadata().getResourceVersion())) {
        events.add("UPDATE " + newObj.getMetadata().getName() + " " + newObj.getRaw().getAsJsonObject("spec"));
      }
    }

    @Override
    public void onDelete(DynamicKubernetesObject obj, boolean deletedFinalStateUnknown) {
      events.add("DELETE " + obj.getMetadata().getName());
      present.remove(obj.getMetadata().getName());
    }
  }

  private static String contact(String name) {
    return "{\"apiVersion\":\"notification.milo.io/v1alpha1\",\"kind\":\"Contact\",\"metadata\":{\"name\":\"" + name
        + "\"},\"spec\":{\"email\":\"" + name + "@example.com\"}}";
  }

  @Test
  void informersSeeEveryChangeAndResyncAfterARestart() throws Exception {
    TestServer server = TestServer.start();
    ApiClient client = ClientBuilder.kubeconfig(KubeConfig.loadKubeConfig(new StringReader(
        Files.readString(server.kubeconfig)))).setReadTimeout(Duration.ZERO).build();
    // One factory per informer: a factory keys its informers by Java class, and both are dynamic objects.
    SharedInformerFactory factory = new SharedInformerFactory(client);
    SharedInformerFactory contactFactory = new SharedInformerFactory(client);
    SharedIndexInformer<DynamicKubernetesObject> people = factory.sharedIndexInformerFor(
        new DynamicKubernetesApi("crm.milo.io", "v1alpha1", "people", client), DynamicKubernetesObject.class, 0);
    SharedIndexInformer<DynamicKubernetesObject> contacts = contactFactory.sharedIndexInformerFor(
        new DynamicKubernetesApi("notification.milo.io", "v1alpha1", "contacts", client), DynamicKubernetesObject.class, 0);
    Seen seenPeople = new Seen();
    Seen seenContacts = new Seen();
    people.addEventHandler(seenPeople);
    contacts.addEventHandler(seenContacts);
    try {
      assertThat(server.post(PEOPLE, ResourceVerbsIT.person("before", "Before")).status()).isEqualTo(201);
      factory.startAllRegisteredInformers();
      contactFactory.startAllRegisteredInformers();
      Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> people.hasSynced() && contacts.hasSynced());
      Awaitility.await().atMost(10, TimeUnit.SECONDS).until(() -> seenPeople.present.contains("before"));

      assertThat(server.post(PEOPLE, ResourceVerbsIT.person("ann", "Ann")).status()).isEqualTo(201);
      assertThat(server.patch(PEOPLE + "/ann", "application/merge-patch+json", "{\"spec\":{\"jobTitle\":\"CFO\"}}").status())
          .isEqualTo(200);
      assertThat(server.delete(PEOPLE + "/before", null).status()).isEqualTo(200);
      assertThat(server.post(CONTACTS, contact("c-one")).status()).isEqualTo(201);
      assertThat(server.delete(CONTACTS + "/c-one", null).status()).isEqualTo(200);
      Awaitility.await().atMost(20, TimeUnit.SECONDS).untilAsserted(() -> {
        assertThat(seenPeople.events).containsSubsequence("ADD before", "ADD ann", "DELETE before");
        assertThat(seenPeople.events).anyMatch(e -> e.startsWith("UPDATE ann") && e.contains("CFO"));
        assertThat(seenContacts.events).containsSubsequence("ADD c-one", "DELETE c-one");
      });

      // The server goes away and comes back on the same database and port.
      int port = server.port();
      server.close();
      server = TestServer.start(server.database, server.dir, new InFlightLimiter(400, 200), port);
      assertThat(server.post(PEOPLE, ResourceVerbsIT.person("after", "After")).status()).isEqualTo(201);
      assertThat(server.delete(PEOPLE + "/ann", null).status()).isEqualTo(200);
      assertThat(server.post(CONTACTS, contact("c-two")).status()).isEqualTo(201);
      Awaitility.await().atMost(60, TimeUnit.SECONDS).untilAsserted(() -> {
        assertThat(seenPeople.present).containsExactly("after");
        assertThat(seenContacts.present).containsExactly("c-two");
        assertThat(people.getIndexer().listKeys()).containsExactly("after");
        assertThat(contacts.getIndexer().listKeys()).containsExactly("sales/c-two");
      });
    } finally {
      factory.stopAllRegisteredInformers();
      contactFactory.stopAllRegisteredInformers();
      server.close();
    }
  }
}
