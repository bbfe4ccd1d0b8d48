// The Flex Consumption plan and the isolated-worker app. Every connection is identity-based: the host's
// storage (AzureWebJobsStorage__*), the Durable task hub on it, and Application Insights.
@description('App name (also the plan name suffix).')
param name string

@description('Azure region.')
param location string

param tags object = {}

@description('User-assigned identity resource id.')
param identityId string

@description('User-assigned identity client id.')
param identityClientId string

@description('Storage account name.')
param storageAccountName string

@description('Storage blob endpoint, e.g. https://x.blob.core.windows.net/.')
param blobEndpoint string

@description('Storage queue endpoint.')
param queueEndpoint string

@description('Storage table endpoint.')
param tableEndpoint string

@description('Container the package is deployed from.')
param deploymentContainerName string

@description('Application Insights connection string.')
param applicationInsightsConnectionString string

@description('Durable task hub name (letters and digits).')
param taskHubName string

@description('The app settings the app reads itself (section CandleFunctions).')
param appSettings object

@description('Memory per instance, MB.')
@allowed([
  2048
  4096
])
param instanceMemoryMB int = 2048

@description('Most instances the plan scales out to.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 40

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: 'plan-${name}'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: {
    tier: 'FlexConsumption'
    name: 'FC1'
  }
  properties: {
    reserved: true
  }
}

var hostSettings = {
  AzureWebJobsStorage__accountName: storageAccountName
  AzureWebJobsStorage__credential: 'managedidentity'
  AzureWebJobsStorage__clientId: identityClientId
  AzureWebJobsStorage__blobServiceUri: blobEndpoint
  AzureWebJobsStorage__queueServiceUri: queueEndpoint
  AzureWebJobsStorage__tableServiceUri: tableEndpoint
  APPLICATIONINSIGHTS_CONNECTION_STRING: applicationInsightsConnectionString
  APPLICATIONINSIGHTS_AUTHENTICATION_STRING: 'ClientId=${identityClientId};Authorization=AAD'
  TaskHubName: taskHubName
}

resource app 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'functionapp,linux'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: {
      '${identityId}': {}
    }
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      minTlsVersion: '1.2'
    }
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: '${blobEndpoint}${deploymentContainerName}'
          authentication: {
            type: 'UserAssignedIdentity'
            userAssignedIdentityResourceId: identityId
          }
        }
      }
      scaleAndConcurrency: {
        instanceMemoryMB: instanceMemoryMB
        maximumInstanceCount: maximumInstanceCount
      }
      runtime: {
        name: 'dotnet-isolated'
        version: '10.0'
      }
    }
  }

  resource settings 'config' = {
    name: 'appsettings'
    properties: union(hostSettings, appSettings)
  }
}

output name string = app.name
output defaultHostName string = app.properties.defaultHostName
