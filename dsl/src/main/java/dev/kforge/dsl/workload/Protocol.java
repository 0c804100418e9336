package dev.kforge.dsl.workload;

/** The transport protocol of a port. */
public enum Protocol {
    TCP, UDP, SCTP
}
