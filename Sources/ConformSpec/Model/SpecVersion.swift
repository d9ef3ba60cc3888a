public enum SpecVersion: Sendable, Hashable { case v3_0(String), v3_1(String) }
