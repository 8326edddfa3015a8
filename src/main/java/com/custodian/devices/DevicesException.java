package com.custodian.devices;

/** A refused change to devices; nothing was stored. */
public class DevicesException extends RuntimeException implements com.custodian.base.Refusal {

    private final DevicesProblem problem;
    private final transient Object[] arguments;

    public DevicesException(DevicesProblem problem, Object... arguments) {
        super(problem.name());
        this.problem = problem;
        this.arguments = arguments.clone();
    }

    public DevicesProblem problem() {
        return problem;
    }

    public Object[] arguments() {
        return arguments.clone();
    }
}
