package dev.tide.examples.queueworker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AzureWebJobsStorageEnvironmentPostProcessorTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            explicit queue endpoint  | DefaultEndpointsProtocol=http;AccountName=dev;AccountKey=a2V5;QueueEndpoint=http://127.0.0.1:1/dev; | http://127.0.0.1:1/dev
            account and suffix       | DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5;EndpointSuffix=core.chinacloudapi.cn | https://acct.queue.core.chinacloudapi.cn
            public cloud by default  | AccountName=acct;AccountKey=a2V5                                                                       | https://acct.queue.core.windows.net
            development storage      | UseDevelopmentStorage=true                                                                             | http://127.0.0.1:10001/devstoreaccount1
            """)
    void derivesTheQueueEndpointFromTheConnectionString(String description, String connection, String endpoint) {
        assertThat(AzureWebJobsStorageEnvironmentPostProcessor.queueEndpoint(connection)).isEqualTo(endpoint);
    }
}
