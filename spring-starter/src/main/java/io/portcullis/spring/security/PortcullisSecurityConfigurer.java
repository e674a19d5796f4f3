package io.portcullis.spring.security;

import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;

/**
 * Makes a {@code SecurityFilterChain} of the application see the caller Portcullis verified,
 * as a {@link TokenAuthentication}, so that its URL rules ({@code hasRole}, {@code
 * hasAuthority('SCOPE_...')}) and method security apply to it:
 *
 * <pre>{@code
 * @Bean
 * SecurityFilterChain api(HttpSecurity http) throws Exception {
 *     return http
 *             .with(PortcullisSecurityConfigurer.portcullis(), withDefaults())
 *             .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
 *             .build();
 * }
 * }</pre>
 *
 * <p>The starter applies it to the chain it defines when the application has none.
 */
public final class PortcullisSecurityConfigurer
        extends AbstractHttpConfigurer<PortcullisSecurityConfigurer, HttpSecurity> {

    /** Returns a configurer to pass to {@code HttpSecurity.with(..)}. */
    public static PortcullisSecurityConfigurer portcullis() {
        return new PortcullisSecurityConfigurer();
    }

    @Override
    public void configure(HttpSecurity http) {
        http.addFilterBefore(new PrincipalAuthenticationFilter(getSecurityContextHolderStrategy()),
                AnonymousAuthenticationFilter.class);
    }
}
