package com.custodian.audit;

import org.aopalliance.intercept.MethodInterceptor;
import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Role;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Service;

import com.custodian.base.Refusal;

/**
 * A change a service refuses (bad input, the last-administrator guard, a concurrent change) rolls
 * back, so it leaves no entry of its own: this advice, outside the service's transaction, records
 * the refusal in a transaction of its own — by method and kind of refusal, never the message,
 * which may quote what was typed. Refusals of method security come as their own events.
 */
@Configuration
class RefusalAudit {

    @Bean
    @Role(BeanDefinition.ROLE_INFRASTRUCTURE)
    static Advisor refusalAuditAdvisor(ObjectProvider<AuditTrail> audit) {
        ThreadLocal<int[]> depth = ThreadLocal.withInitial(() -> new int[1]);
        MethodInterceptor recordRefusal = invocation -> {
            int[] calls = depth.get();
            calls[0]++;
            try {
                return invocation.proceed();
            } catch (RuntimeException refusal) {
                // Once, by the outermost service the caller called, and only outside any transaction: a
                // caller's transaction is still open and may hold locks on the trail; its owner answers for it.
                if (calls[0] == 1 && refusal instanceof Refusal
                        && !org.springframework.transaction.support.TransactionSynchronizationManager.isActualTransactionActive()) {
                    audit.getObject().refused("refused", invocation.getMethod().getDeclaringClass().getSimpleName() + "."
                            + invocation.getMethod().getName(), refusal.getClass().getSimpleName());
                }
                throw refusal;
            } finally {
                calls[0]--;
            }
        };
        DefaultPointcutAdvisor advisor = new DefaultPointcutAdvisor(new AnnotationMatchingPointcut(Service.class, true),
                recordRefusal);
        // Outermost: around method security and the transaction, so it sees the refusal after the rollback.
        advisor.setOrder(Ordered.HIGHEST_PRECEDENCE);
        return advisor;
    }
}
