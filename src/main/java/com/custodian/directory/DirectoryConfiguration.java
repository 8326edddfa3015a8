package com.custodian.directory;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

@Configuration
@EnableConfigurationProperties({ EntraProperties.class, DirectoryCacheProperties.class })
class DirectoryConfiguration {
}
