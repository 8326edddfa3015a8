package com.custodian.alerts;

/** Rules were saved, enabled, disabled or deleted: the evaluator reloads them after the commit. */
record RulesChanged() {
}
