"""The bundled sandbox provincial server: same protocol as the connector, its own SQLite store,
scheduled processing of received dossiers, and fault-injection switches for training and tests."""
